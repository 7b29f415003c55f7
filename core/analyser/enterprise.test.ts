import { describe, expect, it } from 'vitest';
import { extractEnterprise } from './enterprise.js';
import { normalise } from './normalise.js';

const name = (text: string) => extractEnterprise(normalise(text))?.name ?? null;

describe('extractEnterprise', () => {
  it.each([
    ['一家叫甜蜜蜜的奶茶店，奶茶里有头发', '甜蜜蜜'],
    ['建德市百姓超市卖过期牛奶', '百姓超市'],
    ['在老张面馆吃完拉肚子', '老张面馆'],
    ['昨天在盒马鲜生买的虾发臭了', '盒马鲜生'],
    ['海底捞滨江店的锅底有问题', '海底捞'],
    ['我在滨江星光大道的阿强烧烤店吃出了创可贴', '阿强烧烤店'],
    ['There was glass in my noodles at Lucky Star Restaurant', 'Lucky Star Restaurant'],
    ['the milk I bought at Walmart was expired', 'Walmart'],
    ['在余杭吃了海鲜上吐下泻 商家是渔人码头', '渔人码头'],
    ['這家餐廳有沒有被罰過？叫金滿堂', '金满堂'],
    ['我在滨江区的小肥羊火锅看到后厨地上全是积水', '小肥羊火锅'],
    ['上城区清河坊附近的一家臭豆腐摊', null],
    ['昨天在滨江吃的火锅，今天全家人都在拉肚子', null],
    ['喝了一杯奶茶之后一直心慌', null],
    ['how much is the metro fare to the airport', null],
    ["the staff at Happy Lemon don't wash their hands", 'Happy Lemon'],
    ['Din Tai Fung in Hangzhou served me cold dumplings', 'Din Tai Fung'],
    ['王记小笼包的包子馅是臭的', '王记小笼包'],
    ['杭州味香食品有限公司生产的月饼发霉了', '味香食品有限公司'],
    ['我忘记了那家店的名字 面里有虫', null],
    ['the honey claims to be from New Zealand', null],
    ['吃完烤鱼全家五口人都上吐下泻', null],
    ['我想查一下好再来饭店的营业执照', '好再来饭店'],
  ])('%s → %s', (text, expected) => {
    expect(name(text)).toBe(expected);
  });

  it.each([
    '楼下那家快餐店太脏了',
    '学校门口的面包店卖过期面包',
    '一家日料店的生鱼片不新鲜',
    '在美团上点的外卖有头发',
    '吃完烧烤胃疼了两天',
    '买到山寨的旺仔牛奶 叫旺好牛奶 包装一模一样',
    '我们公司食堂今天中午的菜好多人吃了都吐了',
    'There is a dead fly in the soup I ordered',
  ])('%s → null (described, not named)', (text) => {
    expect(name(text)).toBeNull();
  });
});
