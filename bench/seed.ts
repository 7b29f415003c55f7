/**
 * Seeds a 万食通 SQLite database with realistic history, fast: direct
 * better-sqlite3 inserts through prepared statements in large transactions,
 * into the schema the service's own migrations created. Rows are spread the
 * way a real bureau's would be (a few citizens file many tickets, most file
 * one; two years of days; most tickets closed; events per status change; the
 * messages of each filing), so every index the service relies on is as big
 * as it would be.
 *
 *   tsx bench/seed.ts --db ./tmp/x/wanshitong.db --tickets 100000
 *
 * Seeding more into an already seeded file adds to it (ticket numbers carry
 * on from the per-day counters).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { applyMigrations } from '../core/storage/migrate.js';

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 730;

const STATUSES: [string, number][] = [
  ['closed', 0.6],
  ['accepted', 0.1],
  ['processing', 0.1],
  ['pending', 0.1],
  ['rejected', 0.05],
  ['transferred', 0.04],
  ['merged', 0.01],
];
const CATEGORIES = ['spoiled', 'foreign_object', 'illness', 'hygiene', 'unlicensed', 'additive', 'labeling', 'other'];
const REGIONS = ['330102', '330105', '330106', '330108', '330109', '330110', '330111', '330112', '330113', '330114'];
const SHOPS = ['老张面馆', '百姓超市', '甜蜜蜜奶茶', '小李饭店', '好味快餐店', '阿强烧烤店', '幸福小吃店', '东坡酒楼', '新新便利店', '阳光食堂'];
const PROBLEMS = ['吃出了头发', '牛奶过期了', '喝了拉肚子', '后厨很脏有蟑螂', '饭菜发霉了', '没有营业执照', '标签是假的', '菜里有玻璃'];
const NAMES = ['张三', '李四', '王芳', '陈明', '刘洋', '赵丽', '孙伟', '周静'];

/** A small deterministic PRNG, so two seedings of the same size are alike. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Ids in UUID form, ascending within one seeding (a random prefix per
 * seeding, then a counter): primary-key inserts become appends, which is
 * what makes a million rows quick. Look-ups later cost the same as with
 * random v4 ids, since the index holds as many keys either way.
 */
function idMaker() {
  const prefix = randomUUID().slice(0, 8);
  let n = 0;
  return () => `${prefix}-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
/** yyyymmdd of the day in China Standard Time (UTC+8, no DST). */
const cstDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');

export interface SeedResult {
  tickets: number;
  contacts: number;
  events: number;
  messages: number;
  ms: number;
}

/**
 * Adds `tickets` tickets (and their citizens, conversations, events and
 * messages) to the database file, migrating it first if it is new.
 */
export async function seed(file: string, tickets: number, opts: { seed?: number } = {}): Promise<SeedResult> {
  const t0 = performance.now();
  let last = t0;
  const phase = (name: string) => {
    if (process.env.SEED_VERBOSE === '1') console.error(`seed: ${name} ${((performance.now() - last) / 1000).toFixed(1)} s`);
    last = performance.now();
  };
  mkdirSync(path.dirname(file), { recursive: true });
  if (!existsSync(file)) await applyMigrations(file);
  const db = new Database(file);
  // A throwaway bench database: the journal in memory while seeding (OFF is
  // refused by better-sqlite3's defensive mode), WAL again after (the mode
  // the service runs in).
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  db.pragma('temp_store = MEMORY');
  db.pragma('locking_mode = EXCLUSIVE');

  // Secondary indexes are built once after the rows are in (a sort), rather
  // than grown row by row; the result is the same index as the migration's.
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
  if (process.env.SEED_KEEP_INDEXES !== '1') for (const ix of indexes) db.exec(`DROP INDEX "${ix.name}"`);

  const random = rng(opts.seed ?? tickets);
  const newId = idMaker();
  const pick = <T>(a: T[]) => a[Math.floor(random() * a.length)]!;
  const now = Date.now();
  const today = cstDay(now);

  const insContact = db.prepare('INSERT INTO "Contact" (id, name, phone, locale, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)');
  const insIdentity = db.prepare('INSERT INTO "ChannelIdentity" (id, channel, externalId, contactId, createdAt) VALUES (?, ?, ?, ?, ?)');
  const insConversation = db.prepare(
    'INSERT INTO "Conversation" (id, channel, externalId, isGroup, contactId, state, version, lastActivityAt, createdAt) VALUES (?, ?, ?, 0, ?, \'{}\', ?, ?, ?)',
  );
  const insTicket = db.prepare(
    `INSERT INTO "Ticket" (id, number, kind, anonymous, description, category, severity, businessName, address, regionCode, incidentText, incidentAt,
       reporterName, reporterPhone, status, analysis, contactId, conversationId, acceptDueAt, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
  );
  const insEvent = db.prepare('INSERT INTO "TicketEvent" (id, ticketId, actor, action, fromStatus, toStatus, internal, createdAt) VALUES (?, ?, ?, ?, ?, ?, 0, ?)');
  const insMessage = db.prepare(
    'INSERT INTO "Message" (id, conversationId, direction, kind, text, status, channelMessageId, attempts, createdAt, sentAt) VALUES (?, ?, ?, \'text\', ?, ?, ?, ?, ?, ?)',
  );
  const upCounter = db.prepare('INSERT INTO "TicketCounter" (day, last) VALUES (?, ?) ON CONFLICT(day) DO UPDATE SET last = excluded.last');
  const counters = new Map<string, number>((db.prepare('SELECT day, last FROM "TicketCounter"').all() as { day: string; last: number }[]).map((r) => [r.day, r.last]));

  // Most citizens file once, a few file often: contact index skewed by r².
  const contactCount = Math.max(1, Math.ceil(tickets / 4));
  const contacts: { id: string; conversationId: string; name: string; phone: string }[] = [];
  let events = 0;
  let messages = 0;

  const addContacts = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = newId();
      const conversationId = newId();
      const externalId = randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');
      const created = iso(now - HISTORY_DAYS * DAY_MS + random() * (HISTORY_DAYS - 1) * DAY_MS);
      const name = pick(NAMES);
      const phone = `13${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
      insContact.run(id, name, phone, 'zh-CN', created, created);
      insIdentity.run(newId(), 'websocket', externalId, id, created);
      insConversation.run(conversationId, 'websocket', externalId, id, 10, created, created);
      contacts.push({ id, conversationId, name, phone });
    }
  });
  for (let i = 0; i < contactCount; i += 50_000) addContacts(i, Math.min(contactCount, i + 50_000));
  phase('contacts');

  const addTickets = db.transaction((n: number) => {
    for (let i = 0; i < n; i++) {
      const c = contacts[Math.floor(random() ** 2 * contacts.length)]!;
      let created = now - (1 + random() * (HISTORY_DAYS - 1)) * DAY_MS;
      let day = cstDay(created);
      if (day === today) {
        created -= DAY_MS;
        day = cstDay(created);
      }
      const seq = (counters.get(day) ?? 0) + 1;
      counters.set(day, seq);
      const number = `TS${day}-${String(seq).padStart(4, '0')}`;
      const r = random();
      let acc = 0;
      const status = STATUSES.find(([, p]) => (acc += p) > r)?.[0] ?? 'closed';
      const kind = random() < 0.8 ? 'complaint' : 'report';
      const anonymous = kind === 'report' && random() < 0.5;
      const shop = pick(SHOPS);
      const createdIso = iso(created);
      const updated = status === 'pending' ? created : created + random() * 20 * DAY_MS;
      const id = newId();
      insTicket.run(
        id, number, kind, anonymous ? 1 : 0, `在${shop}${pick(PROBLEMS)}`, pick(CATEGORIES), random() < 0.05 ? 'urgent' : random() < 0.3 ? 'high' : 'normal',
        shop, `文三路${1 + Math.floor(random() * 500)}号`, pick(REGIONS), '昨天晚上', iso(created - DAY_MS / 2),
        anonymous ? null : c.name, anonymous ? null : c.phone, status, c.id, c.conversationId, iso(created + 9 * DAY_MS), createdIso, iso(Math.min(updated, now - 60_000)),
      );
      insEvent.run(newId(), id, 'citizen', 'submitted', null, 'pending', createdIso);
      events++;
      if (status !== 'pending') {
        insEvent.run(newId(), id, 'staff:seed', status, 'pending', status, iso(Math.min(updated, now - 60_000)));
        events++;
      }
      // The filing's last exchange: the confirmation in, the ticket number out.
      insMessage.run(newId(), c.conversationId, 'in', '确认', 'handled', `seed-${id}`, 0, createdIso, null);
      insMessage.run(newId(), c.conversationId, 'out', `提交成功！工单编号：${number}`, 'sent', null, 1, createdIso, createdIso);
      messages += 2;
    }
  });
  for (let done = 0; done < tickets; done += 50_000) addTickets(Math.min(50_000, tickets - done));
  phase('tickets');
  db.transaction(() => {
    for (const [day, last] of counters) upCounter.run(day, last);
  })();
  if (process.env.SEED_KEEP_INDEXES !== '1') for (const ix of indexes) db.exec(ix.sql);
  phase('indexes');
  db.pragma('journal_mode = WAL');
  db.close();
  return { tickets, contacts: contactCount, events, messages, ms: performance.now() - t0 };
}

const isMain = process.argv[1]?.endsWith('bench/seed.ts');
if (isMain) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const file = arg('db');
  const n = Number(arg('tickets') ?? '100000');
  if (!file || !Number.isInteger(n) || n < 1) {
    console.error('usage: tsx bench/seed.ts --db <file.db> --tickets <n>');
    process.exit(64);
  }
  const r = await seed(path.resolve(file), n);
  console.log(JSON.stringify(r));
}
