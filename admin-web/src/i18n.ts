/** The console's texts: Chinese by default, English switchable (kept in localStorage). */
const zh = {
  appName: '万食通 · 监管端',
  login: '登录', username: '用户名', password: '密码', logout: '退出', loginFailed: '用户名或密码错误', loginThrottled: '登录失败次数过多，请 15 分钟后再试',
  nav: { inbox: '工单', dashboard: '统计看板', users: '用户与单位', channels: '渠道', audit: '审计日志' },
  filters: { all: '全部', open: '未办结', status: '状态', kind: '类型', severity: '紧急程度', due: '时限', region: '地区代码', unit: '承办单位', category: '类别', search: '搜索描述或商家', apply: '筛选', csv: '导出 CSV', none: '未分派' },
  status: { pending: '待受理', accepted: '已受理', processing: '处理中', closed: '已办结', rejected: '不予受理', transferred: '已转办', merged: '已合并' },
  kind: { complaint: '投诉', report: '举报' },
  severity: { urgent: '紧急', high: '较重', normal: '一般' },
  dueState: { ok: '正常', soon: '即将到期', overdue: '已超期' },
  category: { spoiled: '变质过期', foreign_object: '异物', illness: '身体不适', hygiene: '卫生问题', unlicensed: '无证经营', additive: '添加剂', labeling: '标签标识', other: '其他', unknown: '未分类' },
  cols: { number: '编号', severity: '紧急', status: '状态', kind: '类型', business: '商家', description: '描述', unit: '承办单位', due: '期限', created: '提交时间' },
  empty: '没有符合条件的工单', total: '共 {n} 件', newTicket: '新工单', urgentTicket: '紧急新工单',
  ticket: {
    back: '← 返回列表', details: '工单信息', business: '商家', address: '地址', region: '地区', incident: '发生时间', reporter: '反映人', phone: '电话',
    anonymous: '匿名举报', reveal: '查看完整信息', revealed: '已查看（已记录）', analysis: '智能分析', confidence: '置信度', photos: '证据照片', transcript: '对话记录',
    history: '处理记录', actions: '办理', due: '办理期限', stage: '阶段', unit: '承办单位', assignee: '承办人', mergedInto: '已并入', merged: '并入本单的工单', result: '办结结果', satisfaction: '满意度', internal: '内部',
    citizen: '群众', bot: '机器人', system: '系统', noPhotos: '无照片', limit: '时限', workingDays: '{n} 个工作日', calendarDays: '{n} 个自然日',
  },
  action: {
    accept: '受理', reject: '不予受理', assign: '交办', transfer: '转办', note: '内部备注', reply: '回复群众', 'ask-business': '要求商家说明', merge: '并案', extend: '延长时限', 'case-decision': '立案决定', escalate: '督办', close: '办结',
    reason: '理由', noteLabel: '备注（可选）', text: '内容', target: '接收机关', into: '并入工单编号', result: '办结结果', unitLabel: '承办单位', assigneeLabel: '承办人（可选）', opened: '立案', notOpened: '不予立案', submit: '提交', cancel: '取消', done: '已完成',
  },
  events: {
    submitted: '群众提交', accepted: '受理', rejected: '不予受理', processing: '开始处理', assigned: '交办', reassigned: '改派', transferred: '转办', note: '内部备注', replied: '回复群众', 'business-asked': '要求商家说明',
    merged: '并案', 'merged-in': '并入工单', extended: '延长时限', escalated: '督办', closed: '办结', rated: '群众评价', 'case-opened': '立案', 'case-not-opened': '不予立案',
  },
  dash: { title: '统计看板', days: '近 {n} 天', total: '工单总数', closed: '已办结', inTime: '按时办结率', toAccept: '受理中位时长', toClose: '办结中位时长', satisfaction: '满意度', hours: '{n} 小时', perDay: '每日工单', byCategory: '按类别', byRegion: '按地区', byStatus: '按状态', none: '—' },
  users: { title: '用户', units: '单位', add: '新增用户', addUnit: '新增单位', role: '角色', unit: '单位', name: '名称', regionCode: '地区代码', parent: '上级单位', active: '启用', locked: '停用', lock: '停用', unlock: '启用', displayName: '姓名', created: '已创建' },
  roles: { admin: '管理员', dispatcher: '分拣员', handler: '承办人', supervisor: '督办员', viewer: '观察员' },
  audit: { title: '审计日志', time: '时间', who: '操作人', action: '操作', ticket: '工单', detail: '详情', ip: '地址' },
  export: { running: '正在导出…', progress: '已下载 {pct}%', done: '已导出（{kb} KB）', failed: '导出失败，请重试' },
  channels: {
    title: '消息渠道', name: '渠道', state: '状态', detail: '详情', up: '正常', down: '异常',
    names: { websocket: '网页聊天', telegram: 'Telegram', wechat: '微信' },
    login: { starting: '启动中', scan: '等待扫码登录', 'logged-in': '已登录', 'logged-out': '已退出登录' },
    scanHint: '请用机器人的微信号扫描下方二维码登录。二维码只显示给管理员，每次获取都会记入审计日志。',
    since: '自 {time}', as: '登录账号：{user}',
  },
  analysis: { intent: '意图', category: '类别', severity: '紧急程度', region: '地区', enterprise: '商家', complaint: '投诉举报', progress: '查询进度', consult: '咨询', greeting: '问候', other: '其他' },
  notices: '提醒', noNotices: '没有新提醒', policy: '时限依据', lang: 'EN',
  error: '出错了', forbidden: '无权访问',
};

type Dict = typeof zh;

const en: Dict = {
  appName: 'Wanshitong · Regulators',
  login: 'Sign in', username: 'User name', password: 'Password', logout: 'Sign out', loginFailed: 'Wrong user name or password', loginThrottled: 'Too many failed sign-ins; try again in 15 minutes',
  nav: { inbox: 'Tickets', dashboard: 'Dashboard', users: 'Users & units', channels: 'Channels', audit: 'Audit log' },
  filters: { all: 'All', open: 'Open', status: 'Status', kind: 'Kind', severity: 'Severity', due: 'Time limit', region: 'Region code', unit: 'Unit', category: 'Category', search: 'Search description or business', apply: 'Filter', csv: 'Export CSV', none: 'Unassigned' },
  status: { pending: 'Pending', accepted: 'Accepted', processing: 'Processing', closed: 'Closed', rejected: 'Rejected', transferred: 'Transferred', merged: 'Merged' },
  kind: { complaint: 'Complaint', report: 'Report' },
  severity: { urgent: 'Urgent', high: 'High', normal: 'Normal' },
  dueState: { ok: 'On time', soon: 'Due soon', overdue: 'Overdue' },
  category: { spoiled: 'Spoiled', foreign_object: 'Foreign object', illness: 'Illness', hygiene: 'Hygiene', unlicensed: 'Unlicensed', additive: 'Additives', labeling: 'Labelling', other: 'Other', unknown: 'Uncategorised' },
  cols: { number: 'Number', severity: 'Severity', status: 'Status', kind: 'Kind', business: 'Business', description: 'Description', unit: 'Unit', due: 'Due', created: 'Filed' },
  empty: 'No tickets match', total: '{n} tickets', newTicket: 'New ticket', urgentTicket: 'Urgent new ticket',
  ticket: {
    back: '← Back to list', details: 'Ticket', business: 'Business', address: 'Address', region: 'Region', incident: 'When', reporter: 'Reporter', phone: 'Phone',
    anonymous: 'Anonymous report', reveal: 'Show full details', revealed: 'Shown (logged)', analysis: 'Analysis', confidence: 'confidence', photos: 'Evidence photos', transcript: 'Conversation',
    history: 'History', actions: 'Actions', due: 'Due', stage: 'Stage', unit: 'Unit', assignee: 'Handler', mergedInto: 'Merged into', merged: 'Merged here', result: 'Result', satisfaction: 'Satisfaction', internal: 'internal',
    citizen: 'Citizen', bot: 'Bot', system: 'System', noPhotos: 'No photos', limit: 'Time limit', workingDays: '{n} working days', calendarDays: '{n} calendar days',
  },
  action: {
    accept: 'Accept', reject: 'Reject', assign: 'Assign', transfer: 'Transfer', note: 'Internal note', reply: 'Reply to citizen', 'ask-business': 'Ask the business', merge: 'Merge', extend: 'Extend limit', 'case-decision': 'Case decision', escalate: 'Escalate', close: 'Close',
    reason: 'Reason', noteLabel: 'Note (optional)', text: 'Text', target: 'Receiving body', into: 'Merge into ticket number', result: 'Result', unitLabel: 'Unit', assigneeLabel: 'Handler (optional)', opened: 'Open a case', notOpened: 'No case', submit: 'Submit', cancel: 'Cancel', done: 'Done',
  },
  events: {
    submitted: 'Filed by citizen', accepted: 'Accepted', rejected: 'Rejected', processing: 'Processing', assigned: 'Assigned', reassigned: 'Reassigned', transferred: 'Transferred', note: 'Internal note', replied: 'Replied', 'business-asked': 'Business asked',
    merged: 'Merged', 'merged-in': 'Ticket merged in', extended: 'Extended', escalated: 'Escalated', closed: 'Closed', rated: 'Rated by citizen', 'case-opened': 'Case opened', 'case-not-opened': 'No case',
  },
  dash: { title: 'Dashboard', days: 'last {n} days', total: 'Tickets', closed: 'Closed', inTime: 'Closed in time', toAccept: 'Median to accept', toClose: 'Median to close', satisfaction: 'Satisfaction', hours: '{n} h', perDay: 'Tickets per day', byCategory: 'By category', byRegion: 'By region', byStatus: 'By status', none: '—' },
  users: { title: 'Users', units: 'Units', add: 'Add user', addUnit: 'Add unit', role: 'Role', unit: 'Unit', name: 'Name', regionCode: 'Region code', parent: 'Parent unit', active: 'Active', locked: 'Locked', lock: 'Lock', unlock: 'Unlock', displayName: 'Display name', created: 'Created' },
  roles: { admin: 'Admin', dispatcher: 'Dispatcher', handler: 'Handler', supervisor: 'Supervisor', viewer: 'Viewer' },
  audit: { title: 'Audit log', time: 'Time', who: 'Who', action: 'Action', ticket: 'Ticket', detail: 'Detail', ip: 'Address' },
  export: { running: 'Exporting…', progress: '{pct}% downloaded', done: 'Exported ({kb} KB)', failed: 'Export failed; please try again' },
  channels: {
    title: 'Messaging channels', name: 'Channel', state: 'State', detail: 'Detail', up: 'Up', down: 'Down',
    names: { websocket: 'Web chat', telegram: 'Telegram', wechat: 'WeChat' },
    login: { starting: 'Starting', scan: 'Waiting for the QR code to be scanned', 'logged-in': 'Signed in', 'logged-out': 'Signed out' },
    scanHint: "Scan this QR code with the bot's WeChat account to sign it in. Only administrators see it, and every fetch is written to the audit log.",
    since: 'since {time}', as: 'Account: {user}',
  },
  analysis: { intent: 'Intent', category: 'Category', severity: 'Severity', region: 'Region', enterprise: 'Business', complaint: 'Complaint/report', progress: 'Progress query', consult: 'Question', greeting: 'Greeting', other: 'Other' },
  notices: 'Notices', noNotices: 'No new notices', policy: 'Legal basis', lang: '中文',
  error: 'Something went wrong', forbidden: 'Not allowed',
};

export type Lang = 'zh-CN' | 'en';
export let lang: Lang = localStorage.getItem('wst-lang') === 'en' ? 'en' : 'zh-CN';

export function setLang(l: Lang) {
  lang = l;
  localStorage.setItem('wst-lang', l);
  document.documentElement.lang = l;
}

/** t('ticket.reveal'), t('total', { n: 3 }); an unknown key shows its last part. */
export function t(key: string, params: Record<string, string | number> = {}): string {
  let node: unknown = lang === 'en' ? en : zh;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  const s = typeof node === 'string' ? node : key.split('.').pop()!;
  return s.replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k] ?? ''));
}

export function fmtTime(iso: string | null | undefined, dateOnly = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const opts: Intl.DateTimeFormatOptions = dateOnly
    ? { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }
    : { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false };
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-CA' : 'zh-CN', opts).format(d);
}
