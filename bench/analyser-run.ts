/**
 * Analyser throughput, in its own process: `analyse(text, { jurisdiction })`
 * over a mixed set of citizen messages, one call at a time, after the
 * analyser's own `warmUp()` (when it has one) and a timed warm-up. Prints
 * one JSON line. Tolerant of the analyser being rewritten: whatever it
 * exports, it is measured if it has `analyse`.
 *
 *   node --import tsx bench/analyser-run.ts '{"warmupMs":1000,"runs":3,"runMs":2000}'
 */
import { median, percentile } from './stats.js';

const TEXTS = [
  '我在西湖区老张面馆吃出了头发',
  '昨天在上城区百姓超市买的牛奶过期了',
  '拱墅区甜蜜蜜奶茶店的奶茶喝了拉肚子',
  '滨江区小李饭店后厨很脏有蟑螂',
  '在余杭区好味快餐店吃的饭菜发霉了',
  '我们公司食堂十几个人吃完午饭都呕吐了，现在在医院',
  '楼下那家烧烤店没有营业执照，天天晚上在路边摆摊',
  '我要投诉',
  '投诉',
  '文三路123号',
  '昨天晚上7点',
  '没有',
  '张三',
  '13800138000',
  '确认',
  '我的投诉',
  'TS20261129-0001',
  '请问我的举报处理得怎么样了',
  '隔夜的西瓜还能吃吗',
  '听说小龙虾用洗虾粉洗过，是真的吗',
  '这家店有没有被处罚过',
  '我想订阅食品安全预警',
  '你好',
  '谢谢',
  'I found a hair in my noodles at a restaurant in Binjiang',
  'The milk I bought yesterday was expired',
  'what is the status of my complaint',
  '超市卖的月饼标签上的生产日期是假的，改过了',
  '幼儿园的孩子吃了午餐以后好几个发烧拉肚子',
  '外卖里吃出一只虫子，商家叫什么香辣小厨，在临平区',
];

interface Settings {
  warmupMs: number;
  runs: number;
  runMs: number;
  jurisdiction?: string;
}

const settings: Settings = { warmupMs: 1000, runs: 3, runMs: 2000, ...JSON.parse(process.argv[2] ?? '{}') };

async function main() {
  let mod: Record<string, unknown>;
  try {
    mod = (await import('../core/analyser/index.js')) as Record<string, unknown>;
  } catch (err) {
    return { not_measured: `the analyser did not load: ${(err as Error).message.split('\n')[0]}` };
  }
  const analyse = mod.analyse as ((text: string, opts?: { jurisdiction?: string }) => unknown) | undefined;
  if (typeof analyse !== 'function') return { not_measured: 'core/analyser exports no analyse()' };
  const opts = { jurisdiction: settings.jurisdiction ?? '330100' };
  let warmUpMs: number | null = null;
  if (typeof mod.warmUp === 'function') {
    const t0 = performance.now();
    await (mod.warmUp as () => unknown)();
    warmUpMs = performance.now() - t0;
  }
  const first0 = performance.now();
  analyse(TEXTS[0]!, opts);
  const firstCallMs = performance.now() - first0;

  const loop = (ms: number, record: boolean) => {
    const lat: number[] = [];
    const end = performance.now() + ms;
    let i = 0;
    let t = performance.now();
    while (t < end) {
      analyse(TEXTS[i++ % TEXTS.length]!, opts);
      const t2 = performance.now();
      if (record) lat.push((t2 - t) * 1000);
      t = t2;
    }
    return lat;
  };
  loop(settings.warmupMs, false);
  const runs = [];
  for (let r = 0; r < settings.runs; r++) {
    const lat = loop(settings.runMs, true).sort((a, b) => a - b);
    runs.push({ calls_per_s: lat.length / (settings.runMs / 1000), p50_us: percentile(lat, 50), p99_us: percentile(lat, 99) });
  }
  // The slowest messages, each timed alone (median of 20 calls): where a high p99 comes from.
  const perText = TEXTS.map((text) => {
    const t: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      analyse(text, opts);
      t.push((performance.now() - t0) * 1000);
    }
    return { text, median_us: median(t) };
  }).sort((a, b) => b.median_us - a.median_us);
  return {
    slowest: perText.slice(0, 3),
    calls_per_s: median(runs.map((r) => r.calls_per_s)),
    p50_us: median(runs.map((r) => r.p50_us)),
    p99_us: median(runs.map((r) => r.p99_us)),
    warm_up_ms: warmUpMs,
    first_call_ms: firstCallMs,
    texts: TEXTS.length,
    runs,
  };
}

console.log(JSON.stringify(await main()));
