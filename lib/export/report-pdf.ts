/**
 * report.pdf: the readable part of a case file, for legal. Case, subject,
 * status and every decision with its author; what the accounts did, in
 * plain words with the reason codes and figures; the ring as a figure with
 * a legend; members and shared identifiers; activity charts; a sample of
 * the evidence prompts (as text, cut short); the case's audit trail; and
 * the export's own record (who, when, tool version, SHA-256 of each
 * evidence file). Vector throughout; generated in-process with pdf-lib.
 */
import { DISPOSITION_LABELS } from '../domain';
import type { Reason } from '../domain/reason-codes';
import type { CaseEvidence, PromptSample } from './case-evidence';
import { readableDetails } from './pdf/audit-details';
import { FINISH_REASONS } from '../domain';
import { EVENTS_SAMPLE_RULE } from './case-evidence';
import type { GraphLayout } from './graph-layout';
import { dailyActivityChart, hourlyChart, type DailyPoint } from './pdf/activity-charts';
import { ringGraphFigure } from './pdf/graph-figure';
import { PDF_MEMBER_ORDER_NOTE, pdfMemberOrder } from './pdf/member-order';
import { A4, ACCENT, CONTENT_WIDTH, LINE, MARGIN, MUTED, PageFlow, truncate, type Column } from './pdf/page-flow';

export interface ExportMeta {
  exportedBy: string;
  exportedAt: number;
  toolVersion: string;
  /** The files whose hashes the report lists (every file but the report and the manifest). */
  files: { path: string; bytes: number; sha256: string }[];
}

/** Members listed in the PDF; all of them are in evidence/accounts.csv. */
export const PDF_MEMBER_ROWS = 250;
/** Prompts shown in the PDF, each cut at PDF_PROMPT_CHARS characters. */
export const PDF_PROMPTS = 12;
export const PDF_PROMPT_CHARS = 600;
/** Identifiers numbered on the figure (the first rows of the shared-identifier table). */
const NUMBERED = 12;
/** Shared identifiers listed in the PDF (biggest first); all are in case.json and evidence/identifiers.csv. */
export const PDF_IDENTIFIER_ROWS = 80;

const when = (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
const n = (x: number) => x.toLocaleString('en-US');
const score = (x: number | null) => (x === null ? '—' : x.toFixed(2));
const pct = (x: number) => `${Math.round(x * 100)}%`;
const KIND_WORD: Record<string, string> = {
  payment_fp: 'card',
  ip: 'IP',
  subnet: 'subnet',
  client: 'client',
  email_domain: 'e-mail domain',
  email_pattern: 'e-mail pattern',
  signup_ip: 'sign-up IP',
  cohort: 'sign-up window',
  schedule: 'schedule',
  template: 'template',
  skeleton: 'paraphrased skeleton',
};

/** The reasons behind the case: its newest alert's, else the subject account's own. */
function caseReasons(ev: CaseEvidence): Reason[] {
  const alert = ev.alerts.at(-1);
  if (alert && alert.reasons.length > 0) return alert.reasons;
  return ev.members[0]?.reasons ?? [];
}

function daily(ev: CaseEvidence): DailyPoint[] {
  const byDay = new Map<string, DailyPoint>();
  for (const d of ev.days) {
    const p = byDay.get(d.day) ?? { day: d.day, events: 0, accounts: 0, outputTokens: 0 };
    p.events += d.events;
    p.outputTokens += d.outputTokens;
    if (d.events > 0) p.accounts++;
    byDay.set(d.day, p);
  }
  const days = [...byDay.keys()].sort();
  if (days.length === 0) return [];
  // Fill quiet days so the time axis is even.
  const out: DailyPoint[] = [];
  for (let t = Date.parse(`${days[0]}T00:00:00Z`); t <= Date.parse(`${days.at(-1)}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push(byDay.get(day) ?? { day, events: 0, accounts: 0, outputTokens: 0 });
  }
  return out;
}

/**
 * Prompts for the PDF: the flagged kinds (reasoning, grading, rewrites…) of
 * different templates first, then other templates, so a few lines show the
 * range of what the accounts sent.
 */
function promptsToShow(prompts: PromptSample[]): PromptSample[] {
  const ranked = [...prompts].sort((a, b) => b.flags.length - a.flags.length || a.ts - b.ts);
  const chosen = new Set<PromptSample>();
  const templates = new Set<string>();
  const pass = (limit: number, accept: (p: PromptSample) => boolean) => {
    for (const p of ranked) {
      if (chosen.size >= limit) return;
      if (chosen.has(p) || !accept(p)) continue;
      templates.add(p.template);
      chosen.add(p);
    }
  };
  pass(Math.ceil(PDF_PROMPTS * 0.75), (p) => p.flags.length > 0 && !templates.has(p.template));
  pass(PDF_PROMPTS, (p) => !templates.has(p.template));
  pass(PDF_PROMPTS, () => true);
  return [...chosen].sort((a, b) => a.ts - b.ts);
}

export async function renderReportPdf(ev: CaseEvidence, layout: GraphLayout, meta: ExportMeta): Promise<Uint8Array> {
  const flow = await PageFlow.create();
  const c = ev.caseRow;
  const accountIds = new Map(ev.members.map((m) => [m.key, m.accountId]));
  const subject = c.subjectKind === 'ring' ? `ring ${c.subjectId}` : `account ${c.subjectId}`;

  // ---- Title and key facts.
  flow.text('DISTILLWATCH CASE FILE', MARGIN.left, flow.y, { size: 8, font: flow.fonts.bold, color: ACCENT });
  flow.y += 14;
  flow.heading(`Case ${c.id}: ${subject}`, 1);
  flow.keyValues([
    ['Case', c.id],
    ['Subject', c.subjectKind === 'ring' ? `Ring ${c.subjectId} (${n(ev.members.length)} member accounts)` : `Account ${c.subjectId}`],
    ['Status', c.status.toUpperCase()],
    ...(ev.dispositions.length
      ? ([['Disposition', `${DISPOSITION_LABELS[ev.dispositions[ev.dispositions.length - 1].disposition]}: ${ev.dispositions[ev.dispositions.length - 1].note}`]] as [string, string][])
      : []),
    ...ev.lineage.map((l): [string, string] => [
      l.kind === 'split' ? (l.fromCase === c.id ? 'Split off' : 'Split from') : l.fromCase === c.id ? 'Merged into' : 'Absorbed',
      l.kind === 'split'
        ? l.fromCase === c.id
          ? `${n(l.accounts.length)} accounts to ${l.toCase}, ${when(l.at)} by ${l.author}: ${l.reason}`
          : `${n(l.accounts.length)} accounts of ring ${l.fromRing} from ${l.fromCase}, ${when(l.at)} by ${l.author}: ${l.reason}`
        : l.fromCase === c.id
          ? `${l.toCase}, ${when(l.at)} by ${l.author}: ${l.reason}`
          : `${l.fromCase} (ring ${l.fromRing}, ${n(l.accounts.length)} accounts), ${when(l.at)} by ${l.author}: ${l.reason}`,
    ]),
    ['Score', `${c.score.toFixed(2)}${ev.detection ? ` (flagged at ${ev.detection.threshold.toFixed(2)} or more)` : ''}`],
    ['Assignee', c.assignee ?? 'nobody'],
    ['Opened', when(c.openedAt)],
    ['Last change', when(c.updatedAt)],
    ['Detection', ev.detection ? `as of ${ev.detection.asOf}, model ${ev.detection.modelVersion}, run ${when(ev.detection.generatedAt)}` : 'no detection run recorded'],
    ['Exported', `${when(meta.exportedAt)} by ${meta.exportedBy} (Distillwatch ${meta.toolVersion})`],
  ]);

  // ---- Behaviour in plain words.
  flow.heading('What the accounts did');
  const days = daily(ev);
  const totals = ev.days.reduce((s, d) => ({ events: s.events + d.events, input: s.input + d.inputTokens, output: s.output + d.outputTokens }), { events: 0, input: 0, output: 0 });
  const activeAccountDays = ev.days.filter((d) => d.events > 0).length;
  const flagged = ev.members.filter((m) => m.flagged).length;
  const sentences: string[] = [];
  if (ev.ring) sentences.push(`${ev.ring.summary}.`);
  else {
    const m = ev.members[0];
    if (m) {
      sentences.push(
        `Account ${m.accountId} is on the ${m.plan ?? 'unknown'} plan, signed up ${m.createdAt ? when(m.createdAt).slice(0, 10) : 'at an unknown date'}` +
          `${m.country ? ` from ${m.country}` : ''}, and is ${m.verified ? '' : 'not '}identity-verified.`,
      );
    }
  }
  if (days.length > 0) {
    sentences.push(
      `From ${days[0].day} to ${days.at(-1)!.day} the ${ev.members.length === 1 ? 'account' : `${n(ev.members.length)} accounts`} sent ${n(totals.events)} requests ` +
        `(${n(totals.input)} input and ${n(totals.output)} output tokens), on average ${n(Math.round(totals.events / Math.max(1, activeAccountDays)))} requests a day from each account on the days it was active.`,
    );
  }
  if (ev.members.length > 1) sentences.push(`${n(flagged)} of the ${n(ev.members.length)} members (${pct(flagged / ev.members.length)}) score at or above the threshold on their own or through the ring.`);
  flow.paragraph(sentences.join(' '), { size: 9.5, after: 8 });
  const reasons = caseReasons(ev);
  flow.paragraph('Why detection raised this case (reason code, its weight in the score, and what was measured):', { size: 9, color: MUTED });
  if (reasons.length === 0) flow.paragraph('No reasons were recorded.', { color: MUTED });
  for (const r of reasons) flow.bullet(`${r.code} (weight ${r.weight.toFixed(2)}): ${r.detail}`);
  const ringOnly = ev.ring ? ev.ring.reasons.filter((r) => !reasons.some((x) => x.code === r.code)) : [];
  if (ev.ring && ringOnly.length > 0) {
    flow.paragraph(`The ring judged as one actor (score ${ev.ring.score.toFixed(2)}): what its members did together, and what weighs against it.`, { size: 9, color: MUTED });
    for (const r of ringOnly) flow.bullet(`${r.code} (weight ${r.weight.toFixed(2)}): ${r.detail}`);
  }

  // ---- Pinned evidence: what the analysts chose to show, before anything else.
  if (ev.pinned.length > 0) {
    flow.need(120);
    flow.heading('Pinned evidence');
    flow.paragraph(
      `${ev.pinned.length === 1 ? 'One exchange' : `${n(ev.pinned.length)} exchanges`} pinned to the case by analysts, in the order pinned; each prompt as written (plain text, cut at ${PDF_PROMPT_CHARS} characters), with what the model answered in tokens.`,
      { size: 8, color: MUTED, after: 6 },
    );
    for (const p of ev.pinned) {
      const response = p.outputTokens === null ? 'response not recorded' : `${n(p.outputTokens)} output tokens${p.reasoningTokens ? ` (${n(p.reasoningTokens)} reasoning)` : ''}${p.finishReason ? `, finish: ${FINISH_REASONS[p.finishReason] || 'not given'}` : ''}`;
      flow.need(40);
      const top = flow.y;
      flow.paragraph(`${p.accountId}  ·  ${when(p.ts)}  ·  ${p.model ?? 'unknown model'}  ·  ${n(p.chars)} characters  ·  ${response}`, { size: 7.5, font: flow.fonts.bold, indent: 8, after: 1 });
      flow.paragraph(`Pinned by ${p.pinnedBy}, ${when(p.pinnedAt)}${p.note ? `: ${p.note}` : ''}  ·  request ${p.requestId}`, { size: 7.5, color: MUTED, indent: 8, after: 1 });
      flow.paragraph(truncate(p.text, PDF_PROMPT_CHARS), { size: 7.5, font: flow.fonts.mono, indent: 8, after: 6 });
      const from = flow.y > top ? top : MARGIN.top;
      flow.page.drawLine({ start: { x: MARGIN.left + 2, y: A4.height - from }, end: { x: MARGIN.left + 2, y: A4.height - flow.y + 6 }, thickness: 1.2, color: ACCENT });
    }
  }

  // ---- Decisions.
  flow.heading('Decision history');
  flow.paragraph('Every decision is kept: a change of mind is a new row, never an edit.', { size: 8, color: MUTED });
  flow.table(
    [
      { header: 'When', width: 92 },
      { header: 'Author', width: 62 },
      { header: 'Decision', width: 58 },
      { header: 'Reason', width: 280, wrap: true },
    ],
    ev.decisions.map((d) => [when(d.at), d.author, d.action, d.reason]),
    { empty: 'No decision yet: the case is open.' },
  );
  if (ev.dispositions.length > 0) {
    flow.heading('Disposition', 3);
    flow.table(
      [
        { header: 'When', width: 92 },
        { header: 'Author', width: 62 },
        { header: 'Disposition', width: 88 },
        { header: 'Note', width: 250, wrap: true },
      ],
      ev.dispositions.map((d) => [when(d.at), `${d.author} (${d.role})`, DISPOSITION_LABELS[d.disposition], d.note]),
      { empty: '' },
    );
  }
  if (ev.notes.length > 0) {
    flow.heading('Notes', 3);
    flow.table(
      [
        { header: 'When', width: 92 },
        { header: 'Author', width: 62 },
        { header: 'Note', width: 338, wrap: true },
      ],
      ev.notes.map((x) => [when(x.at), x.author, truncate(x.body, 1500)]),
    );
  }
  flow.heading('Alerts', 3);
  flow.table(
    [
      { header: 'Day', width: 62 },
      { header: 'Alert', width: 70 },
      { header: 'Score', width: 40, align: 'right' },
      { header: 'Accounts', width: 50, align: 'right' },
      { header: 'Top reasons', width: 270, wrap: true },
    ],
    ev.alerts.map((a) => [a.day, a.kind, a.score.toFixed(2), n(a.accounts), a.reasons.slice(0, 3).map((r) => `${r.code} ${r.weight.toFixed(2)}`).join(', ')]),
    { empty: 'No alerts are attached to this case.' },
  );

  // ---- The graph.
  flow.newPage();
  flow.heading(c.subjectKind === 'ring' ? 'The ring' : 'The account and its identifiers');
  flow.paragraph(
    c.subjectKind === 'ring'
      ? `Each dot is a member account, coloured by its score; each shape is an identifier members share (a card, a subnet, a client fingerprint…), ` +
          `sized by how many members use it. A line joins an account to each shared identifier it uses. Numbers refer to the first rows of the table below. ` +
          `${layout.source === 'stored' ? 'Positions are the ones the dashboard shows.' : 'Identifiers are placed by a force-directed layout; accounts sit among the identifiers they use.'}`
      : 'The account (the dot in the middle) and every identifier it uses, numbered as in the table below, which gives how many accounts in the store use each.',
    { size: 8.5, color: MUTED },
  );
  ringGraphFigure(flow, layout, { numbered: c.subjectKind === 'ring' ? NUMBERED : PDF_IDENTIFIER_ROWS, size: c.subjectKind === 'ring' ? CONTENT_WIDTH : 300, view: layout.view ?? null });

  flow.heading(c.subjectKind === 'ring' ? 'Shared identifiers' : 'Identifiers');
  const ring = c.subjectKind === 'ring';
  flow.table(
    [
      { header: '#', width: 22, align: 'right' },
      { header: 'Kind', width: 78 },
      { header: 'Value', width: ring ? 250 : 305, mono: true, wrap: true },
      ...(ring ? [{ header: 'Members', width: 55, align: 'right' as const }] : []),
      { header: 'In store', width: 55, align: 'right' },
    ],
    ev.shared
      .slice(0, PDF_IDENTIFIER_ROWS)
      .map((s, i) => [String(i + 1), KIND_WORD[s.kind] ?? s.kind, s.value, ...(ring ? [n(s.accounts)] : []), n(s.reach)]),
    { size: 7.5, empty: 'No shared identifiers recorded.' },
  );
  flow.paragraph(
    `${ev.shared.length > PDF_IDENTIFIER_ROWS ? `The ${PDF_IDENTIFIER_ROWS} most shared of ${n(ev.shared.length)}; all are in case.json and evidence/identifiers.csv. ` : ''}` +
      '"In store" counts every account in the store that uses the identifier, members or not.',
    { size: 7.5, color: MUTED },
  );

  // ---- Members (those the case excludes as false positives are listed apart, below).
  const excludedIds = new Set(ev.excluded.map((m) => m.accountId));
  flow.heading(c.subjectKind === 'ring' ? 'Member accounts' : 'Account');
  if (excludedIds.size > 0) {
    flow.paragraph(`${n(excludedIds.size)} of the ${n(ev.members.length)} members are excluded from the case as false positives and listed apart under "Excluded members".`, {
      size: 8,
      color: MUTED,
    });
  }
  if (ev.members.length > PDF_MEMBER_ROWS) {
    flow.paragraph(`The first ${n(PDF_MEMBER_ROWS)} of ${n(ev.members.length)} members, in the order below; all of them are in evidence/accounts.csv.`, { size: 8, color: MUTED });
  }
  flow.table(
    [
      { header: 'Account', width: 88, mono: true },
      { header: 'Plan', width: 56 },
      { header: 'Signed up', width: 58 },
      { header: 'Verified', width: 40 },
      { header: 'Requests', width: 52, align: 'right' },
      { header: 'Score', width: 34, align: 'right' },
      { header: 'Own', width: 30, align: 'right' },
      { header: 'Top reason', width: 128 },
    ],
    pdfMemberOrder(ev.members.filter((m) => !excludedIds.has(m.accountId)))
      .slice(0, PDF_MEMBER_ROWS)
      .map((m) => [
        m.accountId,
        m.plan ?? '—',
        m.createdAt ? new Date(m.createdAt).toISOString().slice(0, 10) : '—',
        m.verified === null ? '—' : m.verified ? 'yes' : 'no',
        n(m.windowEvents),
        score(m.score),
        score(m.ownScore),
        m.reasons.find((r) => r.code !== 'RING_MEMBER')?.code ?? m.reasons[0]?.code ?? '—',
      ]),
    { size: 7.5 },
  );
  flow.paragraph(`${ev.members.length > 1 ? `${PDF_MEMBER_ORDER_NOTE} ` : ''}"Own" is the score from the account\u2019s own behaviour, before membership of the ring raised it.`, {
    size: 7.5,
    color: MUTED,
  });

  // ---- Excluded members.
  if (c.subjectKind === 'ring') {
    flow.heading('Excluded members');
    if (ev.excluded.length === 0) flow.paragraph('No member is excluded from the case.', { color: MUTED, size: 8 });
    else {
      flow.paragraph(
        'Members an analyst excluded from the case as false positives: the ring as detection found it still holds them, the case\u2019s decision does not cover them. Every exclusion and reinstatement is in case.json (member_decisions) and the audit trail.',
        { size: 8, color: MUTED },
      );
      flow.table(
        [
          { header: 'Account', width: 100, mono: true },
          { header: 'Excluded by', width: 80 },
          { header: 'When (UTC)', width: 80 },
          { header: 'Reason', width: 226, wrap: true },
        ],
        ev.excluded.map((m) => [m.accountId, `${m.author} (${m.role})`, new Date(m.at).toISOString().slice(0, 16).replace('T', ' '), m.reason]),
        { size: 7.5 },
      );
    }
  }

  // ---- Activity.
  flow.heading('Activity over time');
  if (days.length === 0) flow.paragraph('No daily activity is recorded for these accounts.', { color: MUTED });
  else {
    dailyActivityChart(flow, days);
    const hours = Array.from({ length: 24 }, (_, h) => ev.days.reduce((s, d) => s + d.hours[h], 0));
    hourlyChart(flow, hours);
  }

  // ---- Evidence prompts (the heading, its note and the first prompts together).
  flow.need(170);
  flow.heading('Sample of evidence prompts');
  flow.paragraph(
    `Prompts as the accounts wrote them, shown as plain text: characters the report's fonts cannot show appear as "?", line breaks as "\u00b6", ` +
      `and each is cut at ${PDF_PROMPT_CHARS} characters. ${PDF_PROMPTS} of the ${n(ev.prompts.length)} in evidence/events_sample.csv are shown ` +
      `(different templates first). ${EVENTS_SAMPLE_RULE}`,
    { size: 7.5, color: MUTED, after: 6 },
  );
  const shown = promptsToShow(ev.prompts);
  if (shown.length === 0) flow.paragraph('No prompt text is retained for these accounts.', { color: MUTED });
  for (const p of shown) {
    const head = `${accountIds.get(p.account) ?? p.account}  ·  ${when(p.ts)}  ·  ${p.model}  ·  ${p.capability}${p.flags.length ? `  ·  ${p.flags.join(', ')}` : ''}  ·  ${n(p.chars)} characters`;
    flow.need(30);
    const top = flow.y;
    flow.paragraph(head, { size: 7.5, font: flow.fonts.bold, indent: 8, after: 1 });
    flow.paragraph(truncate(p.text, PDF_PROMPT_CHARS), { size: 7.5, font: flow.fonts.mono, indent: 8, after: 6 });
    // A rule down the left marks the quoted text (on this page's part of it).
    const from = flow.y > top ? top : MARGIN.top;
    flow.page.drawLine({ start: { x: MARGIN.left + 2, y: A4.height - from }, end: { x: MARGIN.left + 2, y: A4.height - flow.y + 6 }, thickness: 1.2, color: LINE });
  }

  // ---- Audit trail.
  flow.heading('Audit trail of the case');
  flow.paragraph(
    `The ${ev.audit.length === 1 ? 'one entry' : `${n(ev.audit.length)} entries`} of the store's append-only audit trail about this case, up to this export. Each entry's hash is SHA-256 over the ` +
      `previous entry's hash and the entry's canonical content, so any change to an entry shows. audit.json holds them in full. ` +
      (ev.storeTrail.ok
        ? `At export the store's whole trail (${n(ev.chainHead?.seq ?? 0)} entries from seq 1, head ${ev.chainHead?.hash.slice(0, 16) ?? '—'}\u2026) verified intact, ` +
          `agreed with its signed head (seq ${ev.storeTrail.signedHeadSeq ?? '—'}) and with every case and decision. audit-head.json carries that head, signed.`
        : `WARNING: at export the store's audit trail failed verification${ev.storeTrail.firstBadSeq !== null ? ` at seq ${ev.storeTrail.firstBadSeq}` : ''}: ${ev.storeTrail.problem ?? ''}`),
    { size: 8, color: MUTED },
  );
  flow.table(
    [
      { header: 'Seq', width: 36, align: 'right' },
      { header: 'When', width: 88 },
      { header: 'Actor', width: 60 },
      { header: 'Action', width: 76, wrap: true },
      { header: 'Details', width: 150, wrap: true },
      { header: 'Hash', width: 82, mono: true },
    ],
    ev.audit.map((e) => [String(e.seq), when(e.at), e.actor, e.action, readableDetails(e.details), `${e.hash.slice(0, 12)}\u2026`]),
    { size: 7 },
  );

  // ---- Export record.
  flow.heading('This export');
  flow.keyValues([
    ['Exported by', meta.exportedBy],
    ['Exported at', when(meta.exportedAt)],
    ['Tool', `Distillwatch ${meta.toolVersion}`],
    ['Verify with', 'distillwatch verify <file>.zip, or sha256sum -c manifest.sha256 in the unpacked folder'],
  ]);
  flow.paragraph(
    'SHA-256 of each file in the archive (this report and the manifest excepted: manifest.sha256 lists this report too, and the manifest\u2019s own ' +
      'SHA-256 is recorded in the store\u2019s audit trail as the case_exported entry of this export).',
    { size: 8, color: MUTED },
  );
  const columns: Column[] = [
    { header: 'File', width: 130 },
    { header: 'Bytes', width: 56, align: 'right' },
    { header: 'SHA-256', width: 310, mono: true },
  ];
  flow.table(columns, meta.files.map((f) => [f.path, n(f.bytes), f.sha256]), { size: 7 });

  flow.footers(`Distillwatch case file ${c.id} · ${subject} · exported ${when(meta.exportedAt)} by ${meta.exportedBy}`);
  flow.doc.setTitle(`Case ${c.id}: ${subject}`);
  flow.doc.setAuthor(meta.exportedBy);
  flow.doc.setSubject('Distillwatch case file');
  flow.doc.setCreator(`Distillwatch ${meta.toolVersion}`);
  flow.doc.setProducer(`Distillwatch ${meta.toolVersion} (pdf-lib)`);
  flow.doc.setCreationDate(new Date(meta.exportedAt));
  flow.doc.setModificationDate(new Date(meta.exportedAt));
  return flow.doc.save({ useObjectStreams: true });
}

