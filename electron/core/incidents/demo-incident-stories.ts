import type { IncidentDevice, IncidentPart, ProcedureStep } from '../../../shared/domain/incidents'
import type { SchoolPhase } from '../demo/phase'

/**
 * What the demo's incidents say, in the app's own words, for each category and school phase.
 * Invented: no real event is described. `{year}` is the affected pupil's year group on the day
 * ("Year 4", "Reception") and `{class}` their class then, so no text names a year or class that
 * is not the pupil's; no text states an age. A text may start with tags ("#chat,game ") saying which
 * descriptions it goes with: an action, outcome or place with tags is used only for a description
 * sharing one, so a lost laptop is not closed with "autocomplete switched off".
 */

export interface DemoPlace {
  text: string
  /** Happened away from school (reported there). */
  offSite?: boolean
  /** Only for pupils in this year group or above (the sixth form's common room). */
  fromYear?: number
  /** The descriptions' tags it goes with (none: any). */
  about?: string[]
}

export interface DemoStory {
  /** The start of the category's name. */
  category: string
  /** How often, against the others, per phase (0: never at that phase). */
  weight: Record<SchoolPhase, number>
  /** The year groups of the pupils it happens to, per phase. */
  years: Record<SchoolPhase, [number, number]>
  places: Record<SchoolPhase, DemoPlace[]>
  descriptions: Record<SchoolPhase, string[]>
  actions: Record<SchoolPhase, string[]>
  words: Record<SchoolPhase, string[]>
  /** How it ended: the first sentence of the closing note. */
  outcomes: string[]
  /** A second sentence for some closing notes. */
  followUps: string[]
  device: IncidentDevice
  /** The part a second pupil plays, when there is one (and how often there is). */
  second: { chance: number; parts: IncidentPart[] }
  /** Recorded by the ICT manager (filtering and security), or by safeguarding staff. */
  ict: boolean
}

const PASTORAL_FOLLOW_UPS = [
  'Checked in with the pupil two weeks later; no further concerns.',
  'Parents and carers satisfied with how it was handled.',
  'Discussed at the termly safeguarding review; no change to procedures needed.',
  'The class covered the topic again in the next online safety lesson.',
  'Added to the pupil’s safeguarding file; no further action.',
]
const TECHNICAL_FOLLOW_UPS = [
  'Confirmed at the next weekly filtering check.',
  'Reported to the governors in the termly online safety update.',
  'Provider’s change log attached to the monitoring records.',
  'No repeat seen in the logs over the following month.',
]

export const DEMO_STORIES: readonly DemoStory[] = [
  {
    category: 'Cyberbullying',
    weight: { primary: 6, secondary: 7 },
    years: { primary: [3, 6], secondary: [7, 13] },
    places: {
      primary: [{ text: 'Classroom {class}' }, { text: 'Playground' }, { text: 'At home (reported at school)', offSite: true }, { text: 'Online game chat (reported at school)', offSite: true, about: ['game'] }],
      secondary: [{ text: 'Form room {class}' }, { text: 'Canteen' }, { text: 'At home (reported at school)', offSite: true }, { text: 'Class group chat (reported at school)', offSite: true, about: ['chat'] }, { text: 'Sixth form common room', fromYear: 12 }],
    },
    descriptions: {
      primary: [
        '#chat A {year} pupil was left out of a class group chat on a messaging app and then teased about it at school.',
        '#game A pupil was sent unkind messages by classmates in the chat of an online game played at home.',
        '#chat A {year} pupil told the class teacher that others in {class} had made a video mocking them and shared it in a group chat.',
      ],
      secondary: [
        '#chat A pupil was removed from a form group chat and mocked in a new chat set up by classmates.',
        '#account Edited photos of a {year} pupil were posted with unkind captions on an anonymous social media account.',
        '#messages A pupil received repeated messages late at night telling them nobody liked them.',
        '#account A pupil’s gaming account was taken over and used to send insults to their friends.',
      ],
    },
    actions: {
      primary: [
        'Class teacher listened to the pupil and told the DSL; no screenshots of the messages were taken on a school device. Parents of the children involved spoken to the same day.',
        '#chat Pupils involved spoken to by the DSL; parents asked to check the group chat and remove the messages.',
        '#game DSL met the pupil with a trusted adult; parents shown how to block and report in the game.',
      ],
      secondary: [
        'Form tutor listened, reassured the pupil and passed the concern to the DSL and head of year. The pupil described the messages.',
        '#account Head of year spoke with the pupils involved; parents contacted and the account reported to the platform.',
        '#account,messages DSL met the pupil with a trusted adult; the pupil was helped to block the sender and report the messages.',
      ],
    },
    words: {
      primary: ['They said I can’t play with them any more.', 'Everyone laughed at the video.', 'I don’t want to go on the game again.'],
      secondary: ['They keep making new chats without me.', 'I don’t want to come in tomorrow.', 'It’s every night, I can’t get away from it.'],
    },
    outcomes: [
      'Restorative meeting held; the messages stopped and the pupils involved apologised.',
      '#account Account removed by the platform after the report; the pupil feels able to go online again.',
      'Sanction given under the anti-bullying policy; no further messages reported.',
      '#chat Parents of both families met the DSL; the group chat was closed by its owner.',
      'Pupil supported by a learning mentor for half a term; the bullying has not recurred.',
    ],
    followUps: PASTORAL_FOLLOW_UPS,
    device: 'personal',
    second: { chance: 0.8, parts: ['alleged', 'alleged', 'witness', 'reporter'] },
    ict: false,
  },
  {
    category: 'Youth-produced',
    weight: { primary: 1, secondary: 4 },
    years: { primary: [5, 6], secondary: [8, 13] },
    places: {
      primary: [{ text: 'At home (reported at school)', offSite: true }],
      secondary: [{ text: 'Form room {class}' }, { text: 'Changing rooms corridor' }, { text: 'At home (reported at school)', offSite: true }],
    },
    descriptions: {
      primary: ['#asked A {year} pupil told a teacher that an older child they met online had asked them to send a photo of themselves without clothes on.'],
      secondary: [
        '#shared A pupil told their form tutor that a picture of them was being passed round a group chat after they were pressured into sending it.',
        '#asked Friends reported that a {year} pupil had been asked by another pupil, over social media, to send a nude picture.',
        '#shared A pupil said a semi-nude image they had sent to a boyfriend had been shared without their consent.',
      ],
    },
    actions: {
      primary: ['Teacher did not look at the phone and went straight to the DSL. Parents called in the same afternoon; the device was kept switched off at home.'],
      secondary: [
        '#shared Tutor did not view or copy anything and went straight to the DSL. Phone handed in, switched off and locked in the safe.',
        'DSL spoke with the pupil with a trusted adult present, following the nudes and semi-nudes guidance; no image was viewed.',
      ],
    },
    words: { primary: ['He said it was a secret.'], secondary: ['I only sent it to one person and now everyone has it.', 'He kept asking and asking.'] },
    outcomes: [
      '#shared Image removed through Report Remove; pupil and parents supported by the DSL.',
      '#asked No image was sent; the account was blocked and reported, and the family given advice on privacy settings.',
      '#shared Pupils involved deleted the images in front of parents; education session on consent given.',
      '#shared Police advised about the image and recorded it as Outcome 21; pupil supported through the school counsellor.',
      '#shared Platform removed the image after the report; risk assessment reviewed with the family.',
    ],
    followUps: PASTORAL_FOLLOW_UPS,
    device: 'personal',
    second: { chance: 0.5, parts: ['alleged', 'witness', 'reporter'] },
    ict: false,
  },
  {
    category: 'Online child sexual abuse',
    weight: { primary: 1, secondary: 1 },
    years: { primary: [3, 6], secondary: [7, 12] },
    places: {
      primary: [{ text: 'At home (reported at school)', offSite: true }, { text: 'Library' }],
      secondary: [{ text: 'At home (reported at school)', offSite: true }, { text: 'Library' }],
    },
    descriptions: {
      primary: ['#game A pupil disclosed that someone they met in an online game had offered them game credits to talk on a private video call.', '#game A {year} pupil said an adult in a game chat had asked where they went to school.'],
      secondary: ['#game A pupil disclosed that an adult they met in an online game had asked to meet and offered gifts.', '#packages A pupil said someone online was asking them to carry packages for money.'],
    },
    actions: {
      primary: ['DSL informed immediately; parents called in and the game account details written down, not screenshotted.'],
      secondary: ['DSL informed immediately; pupil supported by the pastoral lead and parents contacted.', 'Parents called in; the account details were written down, not screenshotted, and passed to the police.'],
    },
    words: { primary: ['He said he was my friend.'], secondary: ['He said he was fifteen too.', 'They said it was easy money.'] },
    outcomes: [
      '#game Reported to CEOP and the police; the account was closed and the family given advice on parental controls.',
      'Social work assessment completed; a safety plan agreed with the pupil and parents.',
      'Police investigation ongoing outside school; in school the pupil has a named adult to talk to.',
    ],
    followUps: PASTORAL_FOLLOW_UPS,
    device: 'personal',
    second: { chance: 0.2, parts: ['reporter', 'witness'] },
    ict: false,
  },
  {
    category: 'Indecent images',
    weight: { primary: 0, secondary: 1 },
    years: { primary: [5, 6], secondary: [9, 13] },
    places: { primary: [{ text: 'Playground' }], secondary: [{ text: 'ICT suite 1' }, { text: 'Canteen' }] },
    descriptions: {
      primary: ['A pupil was shown an indecent image on another child’s phone before school.'],
      secondary: ['A pupil was shown an indecent image of a child on another pupil’s phone during break.', 'A pupil reported a link, shared in a group chat, that appeared to lead to indecent images of children.'],
    },
    actions: { primary: ['Device switched off and locked away; nobody viewed it further. DSL informed.'], secondary: ['Device kept switched off and locked away; nobody viewed it further. Web address passed to the DSL.'] },
    words: { primary: [], secondary: [] },
    outcomes: ['Link reported to the IWF and the police; the device was collected by the police.', 'Police took the device; pupils involved supported by the DSL and parents informed.'],
    followUps: PASTORAL_FOLLOW_UPS,
    device: 'personal',
    second: { chance: 0.7, parts: ['alleged', 'witness'] },
    ict: false,
  },
  {
    category: 'Radicalisation',
    weight: { primary: 1, secondary: 1 },
    years: { primary: [5, 6], secondary: [8, 13] },
    places: { primary: [{ text: 'ICT suite' }, { text: 'Classroom {class}' }], secondary: [{ text: 'Humanities classroom' }, { text: 'Library' }, { text: 'ICT suite 2' }] },
    descriptions: {
      primary: ['A {year} pupil repeated views from an extremist video they had watched at home during a class discussion.'],
      secondary: ['#search A pupil repeatedly searched for extremist videos and shared one in a class chat.', '#post Comments supporting a banned group were posted on a pupil’s public profile.'],
    },
    actions: { primary: ['DSL informed; the class teacher and DSL talked with the pupil and parents about the video they had seen.'], secondary: ['#search DSL informed; searches reviewed with the ICT manager.', 'DSL spoke with the pupil and parents; advice taken from the local Prevent lead.'] },
    words: { primary: ['My cousin showed me the video.'], secondary: ['It’s just what I believe.'] },
    outcomes: [
      'Prevent referral made; Channel panel offered support, which the family accepted.',
      'Advice from the Prevent lead: no referral needed; the pupil took part in a discussion of extremism in lessons.',
      '#search Searches stopped after the meeting with parents; filtering of extremist content checked with the provider.',
      '#post Post deleted by the pupil after the meeting with parents; the discussion continued in lessons on extremism.',
    ],
    followUps: PASTORAL_FOLLOW_UPS,
    device: 'school',
    second: { chance: 0.2, parts: ['witness', 'reporter'] },
    ict: false,
  },
  {
    category: 'Online hate',
    weight: { primary: 2, secondary: 3 },
    years: { primary: [4, 6], secondary: [7, 13] },
    places: {
      primary: [{ text: 'School social media page', about: ['page'] }, { text: 'At home (reported at school)', offSite: true, about: ['meme'] }],
      secondary: [{ text: 'School social media page', about: ['page'] }, { text: 'Form room {class}', about: ['meme'] }, { text: 'At home (reported at school)', offSite: true, about: ['meme'] }],
    },
    descriptions: {
      primary: ['#page Racist comments were posted under a video on the school’s social media page.', '#meme A {year} pupil shared an unkind meme about a classmate’s religion in a group chat.'],
      secondary: ['#page Racist comments were posted under a video on the school’s social media page.', '#meme A pupil shared a homophobic meme about a classmate.', '#meme Comments mocking a pupil’s disability were posted in a year group chat.'],
    },
    actions: {
      primary: ['#page Comments hidden and reported to the platform; the pupils who posted them were identified and their parents spoken to.', '#meme Class teacher spoke with the pupil and their parents; the meme was deleted from the chat.'],
      secondary: ['#page Comments hidden and reported; the pupils involved were identified and spoken to.', '#meme Head of year spoke with the pupils involved and their parents; the post was removed.'],
    },
    words: { primary: [], secondary: ['It was only a joke.'] },
    outcomes: [
      '#page Comments removed by the platform; the school’s page now holds comments for approval.',
      'Pupils involved took part in a restorative session on respect and apologised.',
      'Sanction given under the behaviour policy; the hate incident was reported to the local authority.',
    ],
    followUps: PASTORAL_FOLLOW_UPS,
    device: 'personal',
    second: { chance: 0.6, parts: ['alleged', 'witness'] },
    ict: false,
  },
  {
    category: 'Filtering breach',
    weight: { primary: 5, secondary: 6 },
    years: { primary: [1, 6], secondary: [7, 13] },
    places: {
      primary: [{ text: 'ICT suite' }, { text: 'Classroom {class} (class iPads)', about: ['video', 'advert', 'image'] }, { text: 'Library' }],
      secondary: [{ text: 'ICT suite 1' }, { text: 'ICT suite 2' }, { text: 'Library PCs' }, { text: 'Laptop trolley, science block', about: ['video', 'vpn', 'proxy'] }],
    },
    descriptions: {
      primary: [
        '#video A {year} pupil searching for a film trailer on a class iPad found a violent video that the filter had not blocked.',
        '#advert A pop-up advert for a gambling site appeared on a game site used in a lesson.',
        '#image Pupils reached a video site through an image search that should have been filtered.',
      ],
      secondary: [
        '#gambling A gambling website was reachable on pupil computers.',
        '#proxy Pupils found a proxy site that got past the web filter.',
        '#video A violent video site loaded on a school laptop.',
        '#vpn A {year} pupil used a VPN app on a school laptop to reach a blocked social media site.',
      ],
    },
    actions: {
      primary: ['Screen turned off and the teacher told the DSL; ICT manager blocked the site the same day and the provider was informed.', 'Site blocked by the ICT manager the same day; filter logs checked for other users reaching it.'],
      secondary: ['Site blocked by the ICT manager the same day and the provider informed.', '#proxy Filter logs checked for other users reaching the site; the proxy category was tightened.', '#vpn VPN app removed and the laptop re-imaged; monitoring alert set for VPN traffic.'],
    },
    words: { primary: ['It just came up when I clicked.'], secondary: [] },
    outcomes: [
      'Provider added the site to its blocklist; a test at the next filtering check confirmed it is blocked.',
      '#image,video Image search now forced to safe search on all pupil devices; checked in the weekly filtering test.',
      '#proxy,vpn Proxy and VPN category blocked for pupil logins; no further breaches in the logs.',
      'Over-blocking reviewed at the same time; the filter change was approved by the DSL.',
      '#vpn The laptop was re-imaged and returned; the monitoring provider now alerts on VPN apps.',
      '#advert The game site was blocked for pupils and replaced by an advert-free one chosen by the computing lead.',
    ],
    followUps: TECHNICAL_FOLLOW_UPS,
    device: 'school',
    second: { chance: 0.3, parts: ['witness', 'reporter'] },
    ict: true,
  },
  {
    category: 'Staff misuse',
    weight: { primary: 1, secondary: 2 },
    years: { primary: [0, 6], secondary: [7, 13] },
    places: {
      primary: [{ text: 'Staff room' }, { text: 'Classroom {class}', about: ['photo'] }, { text: 'Off site (staff home)', offSite: true, about: ['friend'] }],
      secondary: [{ text: 'Staff workroom' }, { text: 'Form room {class}', about: ['photo'] }, { text: 'Off site (staff home)', offSite: true, about: ['post', 'follow'] }],
    },
    descriptions: {
      primary: ['#photo A member of staff used a personal phone to photograph children’s work, including children’s faces.', '#friend A member of staff accepted a parent’s friend request on a personal social media account.'],
      secondary: ['#photo A member of staff used a personal phone to photograph pupils’ work including pupils’ faces.', '#post A member of staff shared a pupil’s personal details in a public online post.', '#follow A member of staff followed a pupil’s personal social media account.'],
    },
    actions: {
      primary: ['#photo Headteacher informed the same day; the photographs were deleted from the personal device in the headteacher’s presence.', 'Headteacher informed the same day and advice taken from the LADO.'],
      secondary: ['#post Headteacher informed the same day; the post was removed.', '#photo Headteacher informed the same day; the photographs were deleted from the personal phone in the headteacher’s presence.', 'Headteacher spoke with the member of staff and took advice from the LADO.'],
    },
    words: { primary: [], secondary: [] },
    outcomes: [
      'LADO advised the matter be handled under the staff code of conduct; reminder given in writing.',
      'Staff member completed refresher training on the acceptable use policy; no further concerns.',
      '#follow Handled through the school’s HR procedure after LADO advice; the account was unfollowed.',
      '#friend The friend request was withdrawn; all staff reminded of the social media section of the staff code of conduct.',
    ],
    followUps: ['Staff acceptable use agreement re-signed by all staff at the next training day.', 'Headteacher reported the outcome to the chair of governors.'],
    device: 'personal',
    second: { chance: 0, parts: [] },
    ict: false,
  },
  {
    category: 'Data or security breach',
    weight: { primary: 3, secondary: 4 },
    years: { primary: [0, 6], secondary: [7, 13] },
    places: {
      primary: [{ text: 'School office', about: ['email', 'phish'] }, { text: 'On a train (staff travelling)', offSite: true, about: ['laptop'] }, { text: 'Off site (staff home)', offSite: true, about: ['phish'] }],
      secondary: [{ text: 'School office', about: ['email', 'phish', 'share'] }, { text: 'On a train (staff travelling)', offSite: true, about: ['laptop'] }, { text: 'Off site (staff home)', offSite: true, about: ['phish', 'share'] }, { text: 'Exams office', about: ['email', 'share'] }],
    },
    descriptions: {
      primary: ['#email An email with {class}’s class list and parents’ contact details was sent to the wrong parent.', '#laptop A staff laptop was left on a train and handed in to lost property two days later.', '#phish A phishing email led a member of staff to type their password into a fake page.'],
      secondary: ['#email An email with a {class} class list was sent to the wrong parent.', '#laptop A staff laptop was left on a train and handed in to lost property two days later.', '#phish A phishing email led a member of staff to type their password into a fake page.', '#share A spreadsheet of pupils’ contact details was shared with edit access to anyone with the link.'],
    },
    actions: {
      primary: ['#email Recipient asked to delete the email and confirm; data protection officer told.', '#phish Password reset and sign-ins checked by the ICT manager.', '#laptop Laptop locked remotely by the ICT manager and the staff member’s password reset; data protection officer told.'],
      secondary: ['#email Recipient asked to delete the email and confirm; data protection officer told.', '#phish Password reset and sign-ins checked; multi-factor sign-in turned on for the account.', '#share Link sharing switched off and access history checked by the ICT manager.', '#laptop Laptop locked remotely by the ICT manager and the staff member’s password reset; data protection officer told.'],
    },
    words: { primary: [], secondary: [] },
    outcomes: [
      '#email Recipient confirmed deletion in writing; DPO judged it not reportable to the ICO.',
      '#phish No unusual sign-ins found; multi-factor authentication now required for all staff accounts.',
      '#laptop Laptop was encrypted and has been recovered; DPO recorded the breach in the breach log.',
      '#email,share Reported to the ICO within 72 hours on the DPO’s advice; the families affected were told.',
      '#email Email address autocomplete switched off in the office; staff reminded about checking recipients.',
      '#share Sharing outside the school switched off for staff accounts; the DPO logged the breach.',
    ],
    followUps: ['Recorded in the data breach log by the DPO.', 'Staff reminded about data protection at the next briefing.', 'Reported to the governors in the termly online safety update.'],
    device: 'school',
    second: { chance: 0, parts: [] },
    ict: true,
  },
  {
    category: 'Other',
    weight: { primary: 3, secondary: 2 },
    years: { primary: [0, 6], secondary: [7, 11] },
    places: { primary: [{ text: 'Playground', about: ['challenge'] }, { text: 'At home (reported at school)', offSite: true }], secondary: [{ text: 'Form room {class}', about: ['challenge'] }, { text: 'At home (reported at school)', offSite: true }] },
    descriptions: {
      primary: ['#stranger A parent reported that their child had been contacted by a stranger through a gaming headset.', '#challenge A {year} pupil was frightened by a scary online “challenge” video an older sibling showed them.'],
      secondary: ['#stranger A parent reported that their child had been contacted by a stranger through a gaming headset.', '#challenge A pupil was worried about a viral online “challenge”.'],
    },
    actions: {
      primary: ['#stranger Advice given to the parent about blocking, reporting and parental controls; the class teacher was told.', '#challenge Class teacher reassured the pupil; parents given advice on what younger children see online.'],
      secondary: ['#stranger Advice given to the pupil and parent about blocking and reporting.', '#challenge Form tutor reassured the pupil; a note about the challenge sent to parents.'],
    },
    words: { primary: ['I was scared to tell anyone.'], secondary: ['I was scared to tell anyone.'] },
    outcomes: [
      '#stranger Family set up parental controls with the school’s help; no further contact.',
      '#challenge Assembly on online challenges given to the year group; the pupil is reassured.',
      '#stranger Stranger’s account reported and blocked; parents satisfied with the advice.',
    ],
    followUps: PASTORAL_FOLLOW_UPS,
    device: 'personal',
    second: { chance: 0.2, parts: ['reporter'] },
    ict: false,
  },
]

/** Why a step was not needed, per phase: no note states an age. */
export const NOT_NEEDED: Record<SchoolPhase, Partial<Record<ProcedureStep, string[]>>> = {
  primary: {
    police: ['No crime suspected after advice from the education safeguarding team.'],
    'social-work': ['Below the threshold for a referral; support in school is enough.', 'Family already working with early help; the worker was told instead.'],
    'parents-informed': ['Parents raised the concern themselves and were kept informed by the class teacher.'],
    sanctions: ['The child was the one harmed; no sanction appropriate.', 'Too young for a sanction to help; handled by talking it through.'],
    'provider-contacted': ['The messages were deleted by the sender’s parents straight away.'],
    lado: ['The concern does not meet the harm threshold for a LADO referral.'],
    'access-blocked': ['Nothing was on school systems.'],
    'copies-deleted': ['No copies were made anywhere in school.'],
  },
  secondary: {
    police: ['No crime suspected after advice from the education safeguarding team.'],
    'social-work': ['Below the threshold for a referral; support in school is enough.', 'Pupil already has a social worker, who was told instead.'],
    'parents-informed': ['Pupil asked that parents are not told; DSL agreed after assessing risk.', 'Parents reported it to the school themselves.'],
    sanctions: ['The pupil was the one harmed; no sanction appropriate.'],
    'provider-contacted': ['The content was removed by the pupil straight away.'],
    lado: ['The concern does not meet the harm threshold for a LADO referral.'],
    'access-blocked': ['Nothing was on school systems.'],
    'copies-deleted': ['No copies were made anywhere in school.'],
  },
}

/** Further words added to an entry the day after, per kind of category. */
export const FOLLOW_UP_AMENDMENTS: { pastoral: string[]; technical: string[] } = {
  pastoral: ['Follow-up meeting held with the pupil and family.', 'DSL checked in with the pupil the next morning.', 'Parents came in to discuss the support plan.'],
  technical: ['Provider confirmed the change in writing.', 'Further logs reviewed; no other users affected.', 'DSL told of the technical fix.'],
}

/** A text's tags ("#chat,game Some words") and its words. */
export function tagged(text: string): { tags: string[]; text: string } {
  const m = /^#([\w,]+) /.exec(text)
  return m ? { tags: m[1]!.split(','), text: text.slice(m[0].length) } : { tags: [], text }
}

/** The texts that go with a description's tags (untagged ones go with any); all of them if none does. */
export function fitting(texts: readonly string[], tags: readonly string[]): string[] {
  const fit = texts.filter((t) => {
    const own = tagged(t).tags
    return own.length === 0 || own.some((x) => tags.includes(x))
  })
  return (fit.length ? fit : [...texts]).map((t) => tagged(t).text)
}

export function fittingPlaces(places: readonly DemoPlace[], tags: readonly string[]): DemoPlace[] {
  const fit = places.filter((p) => !p.about || p.about.some((x) => tags.includes(x)))
  return fit.length ? fit : [...places]
}
