import type { Content, TableCell } from 'pdfmake/interfaces'
import {
  AGREEMENT_METHOD_LABELS,
  AUP_AUDIENCE_LABELS,
  PARENT_AUDIENCES,
  audienceOf,
  aupGroupLabel,
  type AupAudience,
} from '../../../../shared/domain/aup'
import { STAFF_GROUP_LABELS, yearGroupLabel } from '../../../../shared/domain/people'
import { AppError, notFound } from '../../api/app-error'
import { membersOf } from '../agreement-groups'
import { loadAupState } from '../aup-versions'
import { signatureDataUrl } from '../signature-png'
import type { FeatureContext } from '../../feature-kit/feature-context'
import { displayNameOfRow, type PersonRow } from '../../people/services'
import type { ReportContext, ReportRequest } from '../../reports/builders/report-builder'
import { agreementText, writeOn } from './agreement-text'
import { longTable } from '../../reports/builders/table'
import type { ReportBody } from '../../reports/builders/report-body'
import { ACCENT, MUTED } from '../../reports/palette'
import { ukDate, ukDateTime } from '../../../../shared/dates/uk-format'
import { ukDay } from '../../../../shared/dates/uk-time'
import type { AupVersionRow } from '../tables'


/** What a printed form needs of its version. */
type VersionText = Pick<AupVersionRow, 'id' | 'title' | 'version_label' | 'effective_from' | 'format' | 'body'>

const day = (iso: string) => ukDate(`${iso.slice(0, 10)}T12:00:00Z`)

/** Who signs, in the words of the policy's own forms (Appendix 1 and 2). */
const SIGNER: Readonly<Record<AupAudience, string | null>> = {
  // The youngest pupils' agreement is made by their parent or carer alone.
  'pupils-eyfs-ks1': null,
  'pupils-ks2': 'pupil',
  'pupils-ks3-5': 'pupil',
  staff: 'staff member',
  governors: 'governor',
  volunteers: 'volunteer',
  contractors: 'contractor',
  visitors: 'visitor',
}

const withParent = (a: AupAudience) => (PARENT_AUDIENCES as readonly string[]).includes(a)

async function versionText(ctx: FeatureContext, id: number): Promise<VersionText> {
  const row = (await ctx.store.requireOpen().db('aup_versions').where({ id }).select('id', 'title', 'version_label', 'effective_from', 'format', 'body').first()) as VersionText | undefined
  if (!row) throw notFound('That agreement version is not in the register. Refresh the list and try again.')
  return row
}

function groupOf(p: PersonRow): string {
  if (p.kind === 'pupil') return [p.reg_class ? `Class ${p.reg_class}` : null, p.year_group ? yearGroupLabel(p.year_group) : null].filter(Boolean).join(', ')
  if (p.kind === 'staff') return p.staff_group ? STAFF_GROUP_LABELS[p.staff_group] : 'Staff'
  return p.organisation ?? ''
}

interface Line {
  label: string
  /** Printed on the line (a name); empty for a line to write on. */
  value?: string
  /** A signature line, with a date to write beside it. */
  date?: true
}

/** Lines to write on, as the policy's forms have them: a label, the space to write in, a date. */
function lines(rows: Line[]): Content {
  const cell = (text: string | undefined, bold = false): TableCell => ({ text: text || ' ', bold, margin: [0, 12, 0, 0] })
  const label = (text: string): TableCell => ({ text, color: MUTED, margin: [0, 12, 0, 0] })
  return {
    unbreakable: true,
    margin: [0, 4, 0, 0],
    table: {
      widths: [130, '*', 30, 90],
      body: rows.map((r) => (r.date ? [label(r.label), cell(r.value), label('Date'), cell('')] : [label(r.label), { ...(cell(r.value, true) as object), colSpan: 3 } as TableCell, {}, {}])),
    },
    layout: 'signature-lines',
  }
}

interface FormPerson {
  name: string
  group: string
}

/**
 * One agreement to sign: its heading, who it is for (a name and group printed, or lines to write
 * them on), the school's own text, and the signature lines the policy's form has.
 */
function agreementForm(v: VersionText, audience: AupAudience, person: FormPerson | null, first: boolean): Content[] {
  const signer = SIGNER[audience]
  const nameLabel = signer === null || signer === 'pupil' ? 'Name of pupil' : `Name of ${signer}`
  // A school that pasted its form whole has its own name, signature and date lines: those are used, not doubled.
  // The register records the parent or carer by name, which a signature seldom shows: their form asks for it before they sign.
  const parentNameLine = withParent(audience) && !/^\s*(full |print )?name\b[^:\n]*(parent|carer)[^:\n]*:\s*$/im.test(v.body)
  let askedParentName = false
  const text = agreementText(
    v.body,
    v.format,
    (label) => (/^(full |print )?name\b/i.test(label) && !/parent|carer/i.test(label) ? person?.name : undefined),
    (label) => {
      if (!parentNameLine || askedParentName || !/^(signed|signature)\b/i.test(label) || !/parent|carer/i.test(label)) return null
      askedParentName = true
      return writeOn('Name of parent or carer', undefined)
    },
  )
  const ownName = text.formLines.some((l) => /^(full |print )?name\b/i.test(l) && !/parent|carer/i.test(l))
  const ownSignature = text.formLines.some((l) => /^(signed|signature)\b/i.test(l))
  const groupLabel = signer === 'pupil' || signer === null ? 'Class' : 'Group'
  const whoLines: Line[] = [...(ownName ? [] : [{ label: nameLabel, value: person?.name ?? '' }]), ...(person ? (person.group ? [{ label: groupLabel, value: person.group }] : []) : withParent(audience) ? [{ label: 'Class' }] : [])]
  const signatures: Content[] = []
  if (!ownSignature) {
    if (signer) signatures.push(lines([{ label: `Signed (${signer})`, date: true }]))
    if (withParent(audience)) {
      signatures.push({ text: 'Parent or carer', bold: true, color: ACCENT, margin: [0, 14, 0, 0] })
      signatures.push(lines([{ label: 'Name of parent or carer' }, { label: 'Signed (parent or carer)', date: true }]))
    }
  }
  return [
    // Each person's agreement begins a page of its own. pdfmake's own break, not keep-with-next.ts's NEW_PAGE: that one
    // lays the document out again for every break, which for a staff group of 250 is 250 layouts. The form ends with
    // no bottom margin (agreement-text.ts), so no margin spills onto a blank page before the break.
    { text: v.title, fontSize: 14, bold: true, color: ACCENT, margin: [0, 0, 0, 2], ...(first ? {} : { pageBreak: 'before' as const }) },
    { text: `${AUP_AUDIENCE_LABELS[audience]} · version ${v.version_label}, in effect from ${day(v.effective_from)}. Please sign and return this sheet to the school office.`, color: MUTED, margin: [0, 0, 0, 4] },
    ...(whoLines.length ? [lines(whoLines)] : []),
    { text: '', margin: [0, 4, 0, 0] },
    ...text.content,
    ...signatures,
  ]
}

function audienceFor(v: { audiences: ReadonlySet<AupAudience> }, asked: AupAudience | undefined, title: string): AupAudience {
  if (asked) {
    if (!v.audiences.has(asked)) throw new AppError('validation', `“${title}” is not the agreement for ${AUP_AUDIENCE_LABELS[asked].toLowerCase()}. Choose one of the groups it is for.`, 'audience')
    return asked
  }
  if (v.audiences.size === 1) return [...v.audiences][0]!
  throw new AppError('validation', `“${title}” is for several groups: choose which one the form is printed for.`, 'audience')
}

/** A blank copy of one version (`recordId`) for one of its audiences, to print and sign on paper. */
export async function blankAgreement(ctx: ReportContext, { recordId: versionId, audience: asked }: ReportRequest<'aup-blank'>): Promise<ReportBody> {
  const { db } = ctx
  const v = await versionText(ctx, versionId)
  const info = (await loadAupState(db, ukDay(ctx.now()))).versions.get(v.id)!
  const audience = audienceFor(info, asked, v.title)
  return {
    content: agreementForm(v, audience, null, true),
    rows: [[String(v.id), audience, v.body]],
    periodFrom: null,
    periodTo: null,
    subject: `${AUP_AUDIENCE_LABELS[audience]}, version ${v.version_label}`,
    // The form is the page: its own title heads it, as on the copies handed out.
    ownCover: true,
  }
}

/**
 * Personalised agreements for a class or staff group: one per person, each on its own page with
 * their name and group printed, in the version now in force for them.
 */
export async function agreementSheets(ctx: ReportContext, { group }: ReportRequest<'aup-sheets'>): Promise<ReportBody> {
  const { db, names } = ctx
  const people = await membersOf(db, group)
  const state = await loadAupState(db, ukDay(ctx.now()))
  const texts = new Map<number, VersionText>()
  const content: Content[] = []
  const rows: string[][] = []
  for (const person of people) {
    const audience = audienceOf({ kind: person.kind, yearGroup: person.year_group })
    const current = audience ? state.current.get(audience) : undefined
    if (!audience || !current) {
      throw new AppError(
        'conflict',
        audience
          ? `There is no agreement text in force for ${AUP_AUDIENCE_LABELS[audience].toLowerCase()} yet, so nothing was printed. Publish one under Agreements first.`
          : `${displayNameOfRow(person)} has no year group, so the register cannot tell which agreement is theirs. Add their year group first.`,
      )
    }
    let v = texts.get(current.id)
    if (!v) texts.set(current.id, (v = await versionText(ctx, current.id)))
    const name = names.name(displayNameOfRow(person))
    content.push(...agreementForm(v, audience, { name, group: groupOf(person) }, content.length === 0))
    rows.push([String(person.id), name, String(v.id)])
  }
  return { content, rows, periodFrom: null, periodTo: null, subject: `${aupGroupLabel(group)}, ${people.length} ${people.length === 1 ? 'person' : 'people'}`, ownCover: true }
}

/**
 * What one person agreed to, as the register holds it: the facts (dates, how, the witness), the
 * signature drawn on screen or the typed name, and the full text of the version they agreed to.
 * `recordId` is the agreement's id.
 */
export async function signedAgreementCopy(ctx: ReportContext, { recordId: agreementId }: ReportRequest<'aup-signed'>): Promise<ReportBody> {
  const { db, names } = ctx
  const a = await db('agreements').where({ id: agreementId }).first()
  if (!a) throw notFound('That agreement is not in the register. Refresh and try again.')
  if (a.state === 'withdrawn') throw new AppError('conflict', 'That record says an agreement was recorded in error, so there is nothing signed to print. Print the agreement it withdrew, if you need it.')
  const person = (await db('people').where({ id: a.person_id }).first())!
  const newer = await db('agreements').where({ supersedes_id: a.id }).first('recorded_at', 'state')
  const v = await versionText(ctx, a.version_id)
  const audience = audienceOf({ kind: person.kind, yearGroup: person.year_group })
  const name = names.name(displayNameOfRow(person))
  const facts: string[][] = [
    ['Name', name],
    ['Group', groupOf(person) || '—'],
    ['Agreement', `${v.title}, version ${v.version_label}`],
    ['Agreed on', a.agreed_on ? day(a.agreed_on) : '—'],
    ['How', a.method ? (a.typed_signature ? 'Agreed on screen by typing their name' : AGREEMENT_METHOD_LABELS[a.method]) : '—'],
    ...(a.paper_received_on ? [['Paper copy received', day(a.paper_received_on)]] : []),
    ...(a.parent_name ? [['Parent or carer', `${names.name(a.parent_name)}${a.parent_agreed_on ? `, agreed on ${day(a.parent_agreed_on)}` : ''}`]] : []),
    ['Witnessed and recorded by', `${names.name(a.witnessed_by_name)} on ${ukDateTime(a.recorded_at)}`],
    ...(a.supersedes_id ? [['Correction', `Replaces an earlier record: ${a.correction_reason ?? ''}`]] : []),
    ...(newer ? [['No longer counts', `Replaced by a ${newer.state === 'withdrawn' ? 'withdrawal' : 'correction'} recorded on ${ukDateTime(newer.recorded_at)}`]] : []),
  ]
  const signature: Content[] = []
  if (names.enabled) signature.push({ text: 'The signature is left out of a copy with names replaced by initials.', italics: true, color: MUTED })
  else if (a.signature_png) signature.push({ text: 'Signature drawn on screen', bold: true, color: ACCENT, margin: [0, 10, 0, 4] }, { image: signatureDataUrl(a.signature_png), fit: [300, 110] })
  else if (a.typed_signature)
    signature.push(
      { text: 'Signed by typing their name', bold: true, color: ACCENT, margin: [0, 10, 0, 4] },
      { text: a.typed_signature, fontSize: 16, italics: true },
      { text: `Typed on screen in front of ${a.witnessed_by_name}, who confirmed they saw them agree.`, color: MUTED, margin: [0, 2, 0, 0] },
    )
  else if (a.method === 'paper') signature.push({ text: 'Signed on paper: the school keeps the signed sheet.', color: MUTED, margin: [0, 10, 0, 0] })
  return {
    content: [
      longTable(['', ''], [150, '*'], facts, { noHeader: true, boldFirstColumn: true, fontSize: 9.5 }),
      ...signature,
      { text: `The agreement${audience ? ` (${AUP_AUDIENCE_LABELS[audience].toLowerCase()})` : ''}`, style: 'h2', headlineLevel: 1 },
      // The text's own lines to write on carry what the register holds, so the copy is never read as unsigned.
      ...agreementText(v.body, v.format, (label) => {
        const parent = /parent|carer/i.test(label)
        if (/^(full |print )?name\b/i.test(label)) return parent ? (a.parent_name ? names.name(a.parent_name) : undefined) : name
        if (/^(signed|signature)\b/i.test(label)) return parent ? (a.parent_name ? 'Agreed: see above' : undefined) : 'Agreed: see above'
        if (/^date\b/i.test(label)) return a.agreed_on ? day(a.agreed_on) : undefined
        return undefined
      }).content,
    ],
    rows: [...facts, [a.signature_png ? a.signature_png.toString('base64') : (a.typed_signature ?? '')]],
    periodFrom: null,
    periodTo: null,
    subject: `${name}, ${v.version_label}`,
  }
}
