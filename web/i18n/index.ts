import { en } from './en.ts'
import { nb } from './nb.ts'

export type MessageKey = keyof typeof en
export type Language = 'nb' | 'en'
export type Params = Record<string, string | number>

const MESSAGES: Record<Language, Record<MessageKey, string>> = { nb, en }
const PLURAL_LOCALES: Record<Language, string> = { nb: 'nb-NO', en: 'en-GB' }

/** Each language's own name, shown in the switcher in that language (never translated). */
export const LANGUAGE_NAMES: Record<Language, string> = { nb: 'Norsk', en: 'English' }

/** Keys with plural forms: `ventures.count` stands for `ventures.count.one` and `.other`. */
type PluralBase<K> = K extends `${infer B}.one` ? B : never
export type PluralKey = PluralBase<MessageKey>

export interface Translator {
  lang: Language
  t(key: MessageKey, params?: Params): string
  /** The plural form for `count`; `{count}` in it is replaced by `countText` (the formatted number). */
  tn(key: PluralKey, count: number, countText: string, params?: Params): string
}

export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key)

const fill = (text: string, params?: Params) =>
  params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : text

export function translator(lang: Language): Translator {
  const messages = MESSAGES[lang]
  const rules = new Intl.PluralRules(PLURAL_LOCALES[lang])
  return {
    lang,
    t: (key, params) => fill(messages[key], params),
    tn: (key, count, countText, params) => {
      const form = rules.select(count) === 'one' ? 'one' : 'other'
      return fill(messages[`${key}.${form}` as MessageKey], { ...params, count: countText })
    },
  }
}
