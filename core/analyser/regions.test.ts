import { describe, expect, it } from 'vitest';
import { districtsOf, findRegion, isWithin, locateRegion, regionFullName, regionName } from './regions.js';

describe('findRegion', () => {
  it('returns the most specific division named', () => {
    expect(findRegion('杭州市西湖区文三路')).toBe('330106');
    expect(findRegion('建德市百姓超市卖过期牛奶')).toBe('330182');
    expect(findRegion('杭州')).toBe('330100');
    expect(findRegion('浙江省')).toBe('330000');
  });

  it('understands short forms inside the jurisdiction', () => {
    expect(findRegion('我在萧山吃饭', '330100')).toBe('330109');
    expect(findRegion('余杭那边的超市', '330100')).toBe('330110');
    expect(findRegion('西湖边的饭店', '330100')).toBe('330106');
  });

  it('understands romanised forms', () => {
    expect(findRegion('a restaurant in Binjiang', '330100')).toBe('330108');
    expect(findRegion('Xiaoshan District', '330100')).toBe('330109');
    expect(findRegion('near West Lake', '330100')).toBe('330106');
  });

  it('breaks ties between same-named districts by the jurisdiction', () => {
    expect(findRegion('朝阳区的饭店', '110000')).toBe('110105');
    expect(findRegion('朝阳区的饭店', '220100')).toBe('220104');
    expect(findRegion('西湖区', '330100')).toBe('330106');
    expect(findRegion('西湖区', '360100')).toBe('360103');
  });

  it('breaks ties by the other places named before the jurisdiction', () => {
    expect(findRegion('长春市朝阳区的饭店', '330100')).toBe('220104');
    expect(findRegion('北京朝阳区', '220100')).toBe('110105');
  });

  it('gives no region for a street, landmark or common word alone', () => {
    expect(findRegion('文三路上的小吃店', '330100')).toBeNull();
    expect(findRegion('武林广场附近', '330100')).toBeNull();
    expect(findRegion('中山路的面馆', '330100')).toBeNull();
    expect(findRegion('市中心的饭店', '330100')).toBeNull();
    expect(findRegion('钱塘江边的餐馆', '330100')).toBeNull();
    expect(findRegion('楼下的兰州拉面', '330100')).toBeNull();
    expect(findRegion('平安夜吃了顿火锅', '330100')).toBeNull();
  });

  it('keeps a district named before 路边 (roadside), and maps merged districts to their successors', () => {
    expect(findRegion('萧山路边摊', '330100')).toBe('330109');
    expect(findRegion('江干区的超市', '330100')).toBe('330102');
    expect(findRegion('下城区', '330100')).toBe('330105');
  });

  it('does not take Hangzhou landmarks or place-named products for distant counties', () => {
    expect(findRegion('黄龙体育中心', '330100')).toBeNull();
    expect(findRegion('大关那边的面馆', '330100')).toBeNull();
    expect(findRegion('金华火腿', '330100')).toBeNull();
  });

  it('reads Traditional Chinese', () => {
    expect(findRegion('我在拱墅區的全家便利店', '330100')).toBe('330105');
    expect(findRegion('臨平區', '330100')).toBe('330113');
  });

  it('gives a lower confidence to a tie it could only guess', () => {
    expect(locateRegion('鼓楼区', '330100')!.confidence).toBeLessThan(0.6);
    expect(locateRegion('杭州市西湖区', '330100')!.confidence).toBeGreaterThan(0.8);
  });
});

describe('division helpers', () => {
  it('names, nests and lists divisions', () => {
    expect(regionName('330106')).toBe('西湖区');
    expect(regionFullName('330106')).toBe('浙江省杭州市西湖区');
    expect(isWithin('330106', '330100')).toBe(true);
    expect(isWithin('360103', '330100')).toBe(false);
    expect(districtsOf('330100').map((d) => d.code)).toContain('330113');
  });
});
