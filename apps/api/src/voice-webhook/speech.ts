import { DateTime } from 'luxon';

/** The caller's language: every `say` is one sentence in it (SPEC §4.2). */
export type Lang = 'en' | 'zh';

export const LANGUAGES: readonly Lang[] = ['en', 'zh'];

export function asLang(value: unknown): Lang | null {
  return value === 'en' || value === 'zh' ? value : null;
}

type Params = Record<string, string | number>;
type Phrase = { en: (p: Params) => string; zh: (p: Params) => string };

/** Every sentence the webhook says, in both languages. No PHI beyond a first name the caller's own chart holds. */
const PHRASES = {
  busy: { en: () => 'One moment please, our system is busy; let me try that again.', zh: () => '请稍等，系统正忙，我再试一次。' },
  offline: { en: () => 'I’m sorry, the voice assistant is currently unavailable; please call back during office hours.', zh: () => '抱歉，语音助理目前无法使用，请在办公时间再打来。' },
  unresolved: { en: () => 'I’m sorry, I can’t reach the clinic’s system right now.', zh: () => '抱歉，我现在无法连接诊所的系统。' },
  unknownTool: { en: () => 'I’m sorry, I can’t do that over the phone.', zh: () => '抱歉，这个我无法在电话上办理。' },
  invalidArgs: { en: () => 'Sorry, I didn’t catch all of that; could you say it again?', zh: () => '抱歉，我没有听清楚，可以再说一遍吗？' },
  emrUnavailable: { en: () => 'I’m having trouble reaching the clinic’s records right now; let me try again.', zh: () => '我暂时无法连接诊所的病历系统，让我再试一次。' },
  notPermitted: { en: () => 'I can only discuss your own appointments.', zh: () => '我只能和您讨论您本人的预约。' },
  callOver: { en: () => 'This call has ended, so I can’t look at or change your records now; please call us back if you need anything else.', zh: () => '本次通话已经结束，我现在无法查看或更改您的记录；如需帮助，请再打电话给我们。' },
  needsDob: { en: () => 'Before I look at your appointments, could you confirm your date of birth?', zh: () => '在查看您的预约之前，请确认您的出生日期。' },
  noCallerId: { en: () => 'I can’t see the number you’re calling from; could you tell me your full name and date of birth?', zh: () => '我看不到您的来电号码，请告诉我您的全名和出生日期。' },
  phoneOne: { en: (p) => `I have ${p.name} on file; is that you?`, zh: (p) => `我这里有${p.name}的档案，请问是您本人吗？` },
  phoneMany: { en: () => 'I see more than one file under this number; could you tell me your date of birth?', zh: () => '这个号码下有不止一个档案，请告诉我您的出生日期。' },
  phoneNone: { en: () => 'I’m not finding a file under this phone number; are you a new patient?', zh: () => '我没有找到这个电话号码下的档案，请问您是新病人吗？' },
  verified: { en: (p) => `Thank you, ${p.name}, I’ve found your file.`, zh: (p) => `谢谢您，${p.name}，我找到了您的档案。` },
  dobMismatch: { en: () => 'That date of birth doesn’t match a file under this number; could you tell me your full name and date of birth?', zh: () => '这个出生日期与该号码下的档案不符，请告诉我您的全名和出生日期。' },
  dobLimit: { en: () => 'I’m not able to confirm your identity over the phone; let me connect you with our staff.', zh: () => '我无法通过电话确认您的身份，让我为您转接工作人员。' },
  dobLimitNoTransfer: { en: () => 'I’m not able to confirm your identity over the phone; our staff can help you during office hours.', zh: () => '我无法通过电话确认您的身份，请在办公时间联系我们的工作人员。' },
  nameNotFound: { en: () => 'I couldn’t find your record; let me connect you with our staff.', zh: () => '我没有找到您的记录，让我为您转接工作人员。' },
  providers: { en: (p) => `Our providers are ${p.list}.`, zh: (p) => `我们的医生有：${p.list}。` },
  noProviders: { en: () => 'No providers take bookings by phone right now.', zh: () => '目前没有医生接受电话预约。' },
  offer: { en: (p) => `The earliest opening is ${p.when} with ${p.provider}; does that work?`, zh: (p) => `最早的时间是${p.when}，${p.provider}，可以吗？` },
  noOpenings: { en: () => 'I’m not finding any openings in that range; would another time or provider work?', zh: () => '这个时间范围内没有空位，换个时间或医生可以吗？' },
  choices: { en: (p) => `That provider has nothing soon, but ${p.provider} has ${p.when}; which would you prefer?`, zh: (p) => `这位医生近期没有空位，${p.provider}在${p.when}有空，您想选哪个？` },
  offerWaitlist: { en: () => 'There’s nothing available with that provider; would you like to join our waitlist?', zh: () => '这位医生目前没有空位，您想加入候补名单吗？' },
  noAppointments: { en: () => 'You have no upcoming appointments; would you like to book one?', zh: () => '您目前没有预约，需要预约一个吗？' },
  oneAppointment: { en: (p) => `Your next appointment is ${p.list}; would you like to change or cancel it?`, zh: (p) => `您的下一个预约是${p.list}，需要更改或取消吗？` },
  appointments: { en: (p) => `You have ${p.count} upcoming appointments: ${p.list}; which one?`, zh: (p) => `您有${p.count}个预约：${p.list}，是哪一个？` },
  booked: { en: (p) => `All set: ${p.when} with ${p.provider}; please arrive 10 minutes early with your health card.`, zh: (p) => `已为您预约${p.when}，${p.provider}，请提前10分钟到达并携带健康卡。` },
  slotTaken: { en: (p) => `That time was just taken; the next opening is ${p.when} with ${p.provider}, would that work?`, zh: (p) => `这个时间刚被预约了，下一个空位是${p.when}，${p.provider}，可以吗？` },
  slotTakenNone: { en: () => 'That time was just taken, and I’m not finding another opening nearby.', zh: () => '这个时间刚被预约了，附近没有其他空位。' },
  dailyLimit: { en: () => 'You already have an appointment that day; would another day work?', zh: () => '您当天已经有预约了，换一天可以吗？' },
  tooLate: { en: (p) => `That appointment is less than ${p.hours} hours away, so it can’t be changed by phone; let me connect you with our staff.`, zh: (p) => `这个预约距现在不到${p.hours}小时，无法通过电话更改，让我为您转接工作人员。` },
  notAccepting: { en: () => 'I’m sorry, we’re not accepting new patients right now.', zh: () => '抱歉，我们目前不接收新病人。' },
  notAcceptingWaitlist: { en: () => 'I’m sorry, we’re not accepting new patients right now; would you like to join our waitlist?', zh: () => '抱歉，我们目前不接收新病人，您想加入候补名单吗？' },
  moved: { en: (p) => `Done: your appointment is now ${p.when} with ${p.provider}.`, zh: (p) => `已改好：您的预约改到${p.when}，${p.provider}。` },
  cancelled: { en: (p) => `Your appointment on ${p.when} is cancelled; would you like to book a different time?`, zh: (p) => `您${p.when}的预约已取消，需要另约时间吗？` },
  invalidPhn: { en: () => 'BC Personal Health Numbers are 10 digits starting with 9; could you read it to me again?', zh: () => 'BC省个人健康号码是以9开头的10位数字，请再读一遍。' },
  registered: { en: (p) => `Thank you, ${p.name}; our staff will complete your registration and contact you.`, zh: (p) => `谢谢您，${p.name}，我们的工作人员会完成您的登记并与您联系。` },
  waitlisted: { en: (p) => `Thank you, ${p.name}; you’re on our waitlist and our staff will contact you.`, zh: (p) => `谢谢您，${p.name}，您已加入候补名单，工作人员会与您联系。` },
  registrationTransfer: { en: () => 'Our staff will help you register; let me connect you.', zh: () => '工作人员会帮您登记，让我为您转接。' },
  waitlistOff: { en: () => 'I’m sorry, we’re not taking waitlist entries right now.', zh: () => '抱歉，我们目前不接受候补登记。' },
  noted: { en: () => 'Noted.', zh: () => '好的，已记录。' },
  transferring: { en: () => 'Let me connect you with our staff.', zh: () => '让我为您转接工作人员。' },
  noTransfer: { en: () => 'I’m sorry, no one is available to take the call right now; can I help you with something else?', zh: () => '抱歉，现在没有工作人员可以接听，还有什么我可以帮您的吗？' },
  connecting: { en: () => 'Connecting you to our front desk now.', zh: () => '正在为您转接前台。' },
  greeting: { en: (p) => `Welcome to ${p.name}! How can I help you today?`, zh: (p) => `欢迎致电${p.name}！请问有什么可以帮您？` },
} satisfies Record<string, Phrase>;

export type PhraseKey = keyof typeof PHRASES;

export function say(lang: Lang, key: PhraseKey, params: Params = {}): string {
  const phrase: Phrase = PHRASES[key];
  return phrase[lang](params).replace(/\s+/g, ' ');
}

/** "Tuesday, January 5 at 9:30 a.m." / "1月5日星期二 上午9:30", in the clinic's zone. */
export function spokenTime(iso: string, zone: string, lang: Lang): string {
  const time = DateTime.fromISO(iso, { setZone: true }).setZone(zone).setLocale(lang === 'zh' ? 'zh-CN' : 'en-CA');
  return time.toLocaleString({ weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

/** "a, b and c" / "a、b和c" */
export function spokenList(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  const head = items.slice(0, -1).join(lang === 'zh' ? '、' : ', ');
  return lang === 'zh' ? `${head}和${items.at(-1)}` : `${head} and ${items.at(-1)}`;
}
