/**
 * Cluster mode's database: the same conversation and the same domain on
 * PostgreSQL (migrated by the same engine, in a schema of its own). Runs
 * where a PostgreSQL server answers on 127.0.0.1:5432 (as on CI); elsewhere
 * it is reported as skipped.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient, dropSchema, fileByAnswering, POSTGRES, postgresAvailable, postgresSchema, removeDir, startServer, type TestServer } from '../helpers.js';

const BASE = POSTGRES;
const schema = postgresSchema('wst_test');
const available = await postgresAvailable();

describe.skipIf(!available)('on PostgreSQL', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer({ env: { DATABASE_URL: `${BASE}?schema=${schema}` } });
  });
  afterAll(async () => {
    await srv?.stop();
    removeDir(srv.dataDir);
    await dropSchema(schema);
  });

  it('migrates into its own schema', async () => {
    const c = new pg.Client({ connectionString: BASE });
    await c.connect();
    const r = await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema]);
    await c.end();
    expect(r.rows.map((x) => x.table_name)).toEqual(expect.arrayContaining(['Ticket', 'Message', 'Conversation', '_prisma_migrations']));
  });

  it('files, numbers, answers progress and notifies as on SQLite', async () => {
    const chat = await ChatClient.connect(srv.wsUrl);
    const numbers = await Promise.all([fileByAnswering(chat, '我要投诉，昨天在西湖区老张面馆吃出了头发')]);
    const other = await ChatClient.connect(srv.wsUrl);
    numbers.push(await fileByAnswering(other, '我要举报拱墅区一家无证经营的小作坊', [[/哪家商户/, '不知道']]));
    expect(new Set(numbers).size).toBe(2);
    expect(await chat.send(numbers[0]!)).toMatch(/待受理/);
    expect(await other.send(numbers[0]!)).toMatch(/没有找到/);

    const ticket = await srv.app.db.ticket.findUniqueOrThrow({ where: { number: numbers[0]! } });
    expect(ticket.regionCode).toBe('330106');
    await srv.app.tickets.changeStatus({ ticketId: ticket.id, to: 'accepted', actor: 'staff:test' });
    expect((await chat.next()).text).toMatch(/已受理/);
    await expect(srv.app.tickets.changeStatus({ ticketId: ticket.id, to: 'rejected', actor: 'staff:test' })).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
    await chat.close();
    await other.close();
  });
});
