// The lexicon bundle: every file under lexicons/ validated with zod at load. Runtimes read the
// files (fs on Node, JSON imports on Workers) and hand the parsed objects to parseLexicon.
import { z } from "zod";
import { categorySchema } from "../schema.js";

const versioned = { version: z.string().min(1) };
const words = z.array(z.string().min(1));
const regexSource = z.string().refine((s) => {
  try {
    new RegExp(s, "u");
    return true;
  } catch {
    return false;
  }
}, "不是有效的正则表达式");

const examplesSchema = z.object({
  mustMatch: z.array(z.object({ text: z.string(), value: z.string() })),
  mustNotMatch: z.array(z.string()),
});

/** Fields every recognizer file carries: what it finds, why it matters, and its own proof. */
const recognizerBase = {
  ...versioned,
  category: categorySchema,
  reason: z.string().min(1),
  basis: z.string().min(1),
  examples: examplesSchema,
};

export const manifestSchema = z.object({ ...versioned, description: z.string().optional() });

export const normalizationSchema = z.object({
  ...versioned,
  invisible: words,
  spaces: words,
  stars: z.string(),
  asterisks: z.string(),
  dashes: z.string(),
  /**
   * Digits written as Chinese numerals (一六六〇八一三四二五七, 村二组): read as digits where they
   * stand for a number's digits one by one, so the number recognizers see them.
   */
  chineseDigits: z
    .object({
      /** The ten characters for 0–9, in order (一 for 1, 〇 for 0, …), plus 零 as another 0. */
      characters: z.string().length(10),
      zero: z.string(),
      /** Digits as read out over a radio or a phone line (幺 1, 洞 0, 两 2, 拐 7, 勾 9) or written in capitals (壹 1 … 玖 9): numerals like the others. */
      spoken: z.record(z.string().length(1), z.string().regex(/^[0-9]$/)).optional(),
      /** A run of at least this many such characters is a number's digits (a phone, an ID), not a date. */
      minRun: z.number().int().min(5),
      /** A single such character before one of these (二组, 八号楼, 三单元) is a house or group number… */
      units: z.array(z.string().min(1)),
      /** …unless one of these stands just before it (第二组 is an ordinal, not an address). */
      notAfter: z.string(),
    })
    .optional(),
  /**
   * Web-page markup pasted into a plain-text draft (a CMS body sent as text): tags of these names
   * are read as a line break (block), a cell border (cell) or nothing (inline), and character
   * references (&nbsp; &#9733;) as the character they stand for, so 110105<span>1990…</span> is
   * one number and 秘密&#9733;1年 a marking. Offsets still point into the markup as sent.
   */
  markup: z
    .object({
      blockTags: words,
      cellTags: words,
      inlineTags: words,
      /** Named character references (without & and ;) → the character, one UTF-16 unit. */
      entities: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{1,9}$/), z.string().length(1)),
    })
    .optional(),
  /**
   * Letters mistaken for digits (O for 0, l and I for 1) read as the digit when they stand inside
   * a number, one or two at a time between digits: an ID scanned or typed as 371O82… is still an
   * ID, and the validators still decide.
   */
  digitLookalikes: z.record(z.string().length(1), z.string().regex(/^[0-9]$/)).optional(),
  /**
   * A number written one digit per box of a scanned form (|1|3|1|0|8|…|): the borders between
   * boxes that hold one digit each are dropped when at least minCells boxes stand in a row.
   */
  digitBoxes: z.object({ borders: z.string().min(1), minCells: z.number().int().min(2), examples: z.array(z.string()).optional() }).optional(),
  /** Characters typed for an ID's check character X (51082419980623630×): read as X after 14 or more digits. */
  checkCharLookalikes: z.string().optional(),
  /**
   * Han characters spaced out one by one (当 事 人：热 依 拉 · 艾 则 孜, 向  建  军, a letter-spaced
   * heading or an OCR line) are read without the spaces, so a label, a name or a marking is the
   * same word it would be unspaced. A run needs minChars single characters, each gap 1..maxGap
   * spaces; two spaced characters (姓  名, 通 知) stay as written.
   */
  spacedOut: z
    .object({
      minChars: z.number().int().min(3),
      maxGap: z.number().int().min(1).max(8),
      /** Joiners that may stand among the characters (the middle dot of a minority or foreign name). */
      joiners: z.string(),
      examples: z.array(z.string()).optional(),
      note: z.string().optional(),
    })
    .optional(),
});

export const t2sSchema = z.object({
  ...versioned,
  source: z.string(),
  pairs: z.string(),
  /** Variant characters folded like traditional ones (宻 → 密): pairs, not from the opencc source. */
  variants: z.string().default(""),
  variantsNote: z.string().optional(),
});

export const areaCodesSchema = z.object({
  ...versioned,
  source: z.string(),
  provinces: z.record(z.string().regex(/^\d{2}$/), z.string()),
  areas: z.record(z.string().regex(/^\d{6}$/), z.string()),
});

export const idNumberSchema = z.object({
  ...recognizerBase,
  minBirthYear: z.number().int(),
  /** Address codes of the residence permits for Hong Kong, Macau and Taiwan residents → what the number is. */
  residencePermits: z.record(z.string().regex(/^\d{6}$/), z.string()),
  foreignPermanentResident: z.object({ leadingDigit: z.string().regex(/^\d$/), note: z.string().optional() }),
  /** How the explanation names each kind of number. */
  patterns: z.object({ resident: z.string(), residence_permit: z.string(), foreign_permanent_resident: z.string() }),
  /** Labels of 20-digit numbers that are a person's ID plus two digits (残疾人证号). */
  embeddingLabels: words,
  /** 残疾人证一本，证号… — the document named earlier in the sentence, a bare number label after it. */
  embeddingDocuments: words,
  /** The bare labels (证号, 号码) that take their meaning from embeddingDocuments; 受理编号 is not one. */
  embeddingGenericLabels: words,
  /** One-letter prefixes of numbers that are a person's ID behind the letter (全国学籍号 = G + ID). */
  letterPrefixes: z.array(z.string().regex(/^[A-Z]$/)),
  /** Group lengths (space/hyphen separated) in which people write an ID; one unbroken run is always allowed. */
  groupings: z.object({
    id18: z.array(z.array(z.number().int().positive()).min(2)).refine((gs) => gs.every((g) => g.reduce((a, b) => a + b, 0) === 18), "每种分组的长度之和须为 18"),
    id15: z.array(z.array(z.number().int().positive()).min(2)).refine((gs) => gs.every((g) => g.reduce((a, b) => a + b, 0) === 15), "每种分组的长度之和须为 15"),
  }),
  /** support: anywhere on the line; label: the value's own label or column header (vouches for a mistyped number); serial: labels of numbers that are serial numbers, not IDs (the phone judgement reads them too). */
  context: z.object({ support: words, label: words, serial: words }),
});

export const hkMoTwIdSchema = z.object({
  ...recognizerBase,
  context: z.object({ support: words, macau: words, foreignPermanentResident: words }),
});

export const phoneSchema = z.object({
  ...recognizerBase,
  mobilePrefixes: z.array(z.string().regex(/^1\d{2}$/)),
  landlineAreaCode: regexSource,
  servicePrefixes: words,
  hotlines: words,
  /** Words that make a number a phone number even in an unusual grouping (13 812 345 678). */
  labels: words,
  /** Hong Kong, Macau and Taiwan mobiles written with their country code (recognizers/regional-mobile.ts). */
  regionalMobiles: z.object({ note: z.string().optional(), reason: z.string().min(1), pattern: regexSource }),
  /** QQ numbers and WeChat IDs after their label (recognizers/im-account.ts). */
  imAccounts: z.object({
    note: z.string().optional(),
    reason: z.string().min(1),
    /** Group 1 is the account. */
    qqPattern: regexSource,
    wechatPattern: regexSource,
    /** Words between the label's start and the value that make it a group or a channel (QQ群, 公众号). */
    notAccount: words,
    /** Words just before the label that make it an office's account (官方, 咨询). */
    agencyCues: words,
  }),
});

export const bankCardSchema = z.object({
  ...recognizerBase,
  strongPrefixes: words,
  weakPrefixes: words,
  minLength: z.number().int(),
  maxLength: z.number().int(),
  /** support: card words on the line; public: kinds of office account; label: the value's own label or column (vouches for a mistyped number). */
  context: z.object({ support: words, public: words, label: words }),
  /** Labels of an account's holder (户名：某市慈善总会) on the value's line or the lines just above it. */
  holderLabels: words,
  /** A table whose header has one of these (姓名, 户主, 收款人…) lists people: its accounts are theirs. */
  personColumnWords: words,
  /** …or ends with one of these (购机者, 申请者). */
  personColumnEndings: words,
  /** Header endings of a column of organisations (施工总承包单位, 企业名称): an account beside one is its own. */
  organisationColumnWords: words,
});

export const emailSchema = z.object({
  ...recognizerBase,
  officialSuffixes: words,
  officialDomains: words,
  freeMailDomains: words,
  /** Local parts that name a function, not a person (sales@, info@, service@): an organisation's mailbox on its own domain. */
  roleLocalParts: words,
  /**
   * What people write for @ so that robots miss the address (xu1974(at)163.com, jia#qq.com,
   * zhu AT sina.com). Bracketed ones are read before any domain; the bare ones only before a
   * free-mail domain, where nothing else could be meant.
   */
  atStandIns: z.object({ bracketed: words, bare: words }),
});

export const passportSchema = z.object({
  ...recognizerBase,
  pattern: regexSource,
  /** Labels after which any 6–12 letters and digits are a (foreign) passport number. */
  labels: words,
  contextRequiredFor: regexSource,
  context: z.object({ support: words }),
});

export const travelPermitSchema = z.object({
  ...recognizerBase,
  patterns: z.array(
    z.object({
      id: z.string(),
      pattern: regexSource,
      label: z.string(),
      contextRequired: z.boolean(),
      contextWords: words.optional(),
    }),
  ),
  context: z.object({ support: words }),
});

export const licensePlateSchema = z.object({
  ...recognizerBase,
  provinces: z.string().min(1),
  /** What joins the two ends of a number range (苏K·8A001—苏K·8A999): a range is a block of numbers, not a car. */
  rangeJoiners: words,
  context: z.object({ support: words }),
});

export const personNameSchema = z.object({
  ...recognizerBase,
  privateRoles: words,
  listRoles: words,
  publicRoles: words,
  officialTitles: words,
  /** A licensed profession written after the name (…律师事务所律师): the person acts in it, in public. */
  professionTitles: words,
  /** Header words of a table of licensed professionals (执业证号, 执业机构): its names are listed in that capacity. */
  licensedColumns: words,
  notNames: words,
  salutationSuffixes: words,
  /** Words for an ordinary elderly person that follow a name in news prose (甘海燕阿婆, 王秀英老人): never said of an official. */
  elderAfter: words,
  /** Courtesy words that may open a salutation line before the name (尊敬的吴春燕女士：). */
  salutationPrefixes: words,
  /** Characters that may follow a name written straight after its role word (当事人袁丽凯未…). */
  inlineFollowers: z.string(),
  /** Roles that head a list column but do not precede a name inline (姓名). */
  listOnlyWords: words,
  /** Relatives named right after the word (其妻李凤霞, 申请人之母王秀英). */
  kinshipRoles: words,
  /** Owners of a car, a house, a household (所有人为高振宇, 户主陈永福). */
  ownerRoles: words,
  /** Words that may stand between a role and the name (所有人为…). */
  copulas: words,
  /** Words that may follow a name (名下, 户内, 本人 …), beyond the single characters of inlineFollowers. */
  followerWords: words,
  /** Labels of personal identifiers written between a name and its number (吴志强（身份证号：…）). */
  identifierLabels: words,
  /** Endings that make a would-be name an organisation or a place (国务院, 区民政局, 张家村). */
  organizationEndings: words,
  /** How each rule is named in an explanation. */
  patterns: z.record(z.string(), z.string()),
  /** A would-be name whose dictionary count (Segmenter.frequency) reaches this is an ordinary word (陈述 763, 王芳 0). */
  commonWordFrequency: z.number().int().positive(),
  /** Surnames that are also prefixes (原 "former", 现 "present"): before a common word they are the prefix. */
  prefixSurnames: z.array(z.string().min(1)),
  /** Parts of identifier labels that never occur inside a name (国护照, 卢身份). */
  notNameParts: words,
  /** Function characters that never make up a given name (方的, 李在). */
  notGivenNameChars: z.string(),
  /** Characters that, as a one-character given name straight before a verb, make a word instead (应自, 于本). */
  notSoleGivenChars: z.string(),
  /** Table column headers, beyond the role words, whose cells hold private persons' names (死亡人员, 冒领人). */
  personColumns: words,
  /**
   * Identifiers already masked in the draft (141024********2197, 138****5678): no longer personal
   * data themselves, but the name beside one is still a private person's.
   */
  maskedIdentifiers: z.array(regexSource),
});

export const addressSchema = z.object({
  ...recognizerBase,
  note: z.string().optional(),
  /** Labels that may head a home or an office (住所, 地址): the owner judgement and the shape decide. */
  ambiguousLabels: words,
  residentialMarkers: regexSource,
  publicMarkers: regexSource,
  /** Prose before a place that is not part of it (…选址在渔池头村7组): the address starts after it. */
  leadingNoise: regexSource,
  /** What follows a house number when it is a facility's or a decree's number, not a home (25号厂房, 103号令). */
  notHomeAfter: regexSource,
  /** An office's premises (县政府综合楼516室, 行政中心3楼): under a bare 地址 label, not a home. */
  agencyPremises: regexSource,
  /** Level words of the divisions a masked address keeps readable: 省, 自治区, 市, 州, 区, 县, 旗, 街道, 镇, 乡 … */
  adminLevels: words,
});

export const secretMarkingSchema = z.object({
  ...recognizerBase,
  note: z.string().optional(),
  levels: words,
  periodUnits: words,
  permanent: words,
  levelLabels: words,
  /** 机密级　保密期限：五年: a level, then its period under a label instead of after a star. */
  periodLabels: words,
  internalLabels: words,
  internalWarnings: words,
  classifiedSelf: words,
  /** 公文附注 saying the document itself is not for release: （此件不公开）. */
  notForRelease: words,
  standaloneCells: words,
  /** Control phrases that are a marking only when they stand alone in a line or cell (秘密文件, 不得翻印). */
  labelPhrases: words,
  /** Words that may open a line of control phrases without making it prose (（本件内部传阅　阅后收回　不得复印）). */
  labelOpeners: words,
  /** How a document names itself when it states its own level (本表密级为机密). */
  selfReferences: words,
  /** Brackets that may enclose a marking (【机密】); open and close characters in matching order. */
  brackets: z.object({ open: z.string().min(1), close: z.string().min(1) }),
  /** Characters typed in place of ★ (機密·5年): a marking only with a period after them. */
  starStandIns: z.string().min(1),
  /** Ticked boxes of a form (■秘密 among □公开 □机密): the level after one is the one chosen. */
  checkedBoxes: z.string().min(1),
  /**
   * Dashes that part the fields of a list line as cells part a table row (文件名称——机密——永久):
   * a marking word alone between them stands alone in its field.
   */
  fieldSeparators: words,
  /** Quotation marks: a line quoting two or more different levels names them, it is not marked (标有“秘密★”“机密★”等). */
  quotes: z.object({ open: z.string().min(1), close: z.string().min(1) }),
  /**
   * A quoted marking given as an example (比如……标注“机密★10年”，表示……) is about markings: a cue before
   * it in the same sentence, or right after its closing quote.
   */
  quotedExampleCues: z.object({ before: words, after: words }),
  /**
   * Column headers under which a level records what a document used to be (原密级 in a 解密 list):
   * a level standing alone in such a column is not a marking of this document.
   */
  formerLevelColumns: words,
});

export const selfRestrictedSchema = z.object({
  ...recognizerBase,
  phrases: words,
  /** Regular expressions for the same meaning in looser wording (对外……统一表述为, 不在……新闻稿件……中引用). */
  patterns: z.array(regexSource),
});

export const earthquakeForecastSchema = z.object({
  ...recognizerBase,
  /** A forecast's magnitude and risk (发生5级左右地震的危险)… */
  patterns: z.array(regexSource),
  /** …after one of these time windows ahead (未来一个月) in the same sentence, at most windowReach characters before. */
  windowWords: words,
  windowReach: z.number().int().min(1),
  /** Words by which a paragraph says the forecast was published by the government that may publish it. */
  releasedCues: words,
});

export const exposedSystemsSchema = z.object({
  ...recognizerBase,
  /** A system's password written out (管理员账户口令为“Cx@123456”): the value is what an attacker needs. */
  credentialPatterns: z.array(regexSource),
  /** Addresses of a private network (10.x, 172.16–31.x, 192.168.x), which only an insider's report lists. */
  internalAddressPattern: regexSource,
  /** Words that make a paragraph listing internal addresses a map of weaknesses (漏洞, 弱口令, 未修复). */
  exposureWords: words,
});

export const secrecyBreachSchema = z.object({
  ...recognizerBase,
  /** Classified carriers and their safekeeping (涉密计算机, 涉密载体, 保密柜). */
  carriers: words,
  /** What went wrong with one (连接手机热点, 去向不明, 无法说明去向, 密码写在). */
  breachWords: words,
  /** The end of a unit's name, which must stand before the carrier in its clause (…规划科, …镇). */
  unitPattern: regexSource,
  /** A sentence holding one of these is a rule, a case told anonymously or a count (严禁, 某, 个别). */
  generalWords: words,
});

export const unreleasedExamSchema = z.object({
  ...recognizerBase,
  /** One exam item: a multiple-choice item's options A and B (A．…B．), a numbered question (第1题：). */
  itemPatterns: z.array(regexSource).min(1),
  /** Items a draft must hold to be a paper. */
  minItems: z.number().int().min(1),
  /** Words that say the paper is still to be used (命题, 印制, 启用前, 考前). */
  preUseCues: words,
  /** Words that present the questions as samples or past ones (样题, 题型示例, 选登, 真题): publishable. */
  sampleCues: words,
});

export const sensitiveColumnsSchema = z.object({
  ...recognizerBase,
  /** Header words that make a column one of persons (姓名, 身份证号): the table lists individuals. */
  personColumns: words,
  /** Per risk type, header words whose column records something about each listed person that a 保密 officer must see (滥用毒品种类, 诊断). */
  riskColumns: z.record(z.string(), words),
  /**
   * Notices the law makes public with exactly these columns (提请减刑、假释罪犯名单公示 lists 罪名 and
   * 刑期 by rule): a table under one is not escalated. Every group of words must occur above it.
   */
  publishedByLaw: z.array(z.array(z.string().min(1)).min(1)),
});

export const surnamesSchema = z.object({ ...versioned, single: z.string(), compound: words });

export const keepSchema = z.object({
  ...versioned,
  creditCode: z.object({ labels: words, reason: z.string(), note: z.string().optional() }),
  docNumber: z.object({ pattern: regexSource, reason: z.string() }),
  masked: z.object({ pattern: regexSource, reason: z.string() }),
  approvalNumber: z.object({ note: z.string().optional(), pattern: regexSource, reason: z.string() }),
  agencyAllowList: z.object({ values: z.array(z.string()) }),
  specimens: z.object({ reason: z.string(), values: z.array(z.string()) }),
  agencyDenyList: z.object({ reason: z.string(), terms: z.array(z.string()) }),
});

export const ownersSchema = z.object({
  ...versioned,
  note: z.string().optional(),
  agencyLabels: words,
  personLabels: words,
  /**
   * Table columns that hold the person a row is about (作者, 姓名, 户主): in such a row, a school or
   * office in another cell is the person's unit, not the owner of their mailbox or phone.
   */
  personColumns: words,
  /**
   * Person labels that a company has too (住所地, 送达地址): they make the value the person's only
   * when the block it stands in does not belong to an organisation (申请人：某建材有限公司).
   */
  partyLabels: words,
  personWords: words,
  kinshipWords: words,
  selfAgency: words,
  /** 请拨打… / 可与…联系: an invitation to call or write is to the office's own line. */
  agencyInvitations: words,
  /** Vehicles of a public service (公交车, 校车, 救护车): a plate written after one is the operator's, not a person's. */
  publicVehicles: words,
  agencySuffixes: words,
  notAgency: words,
  /** Words that hold a person or kinship word but name no owner (孙女士 = Ms Sun, not 孙女). */
  notPerson: words.default([]),
  /**
   * Person words that are pronouns (您, 你): they name whoever is addressed in their own sentence
   * only (感谢您的建议。联系人：…，电话：… is the office's contact line, not the reader's).
   */
  sentencePronouns: words.default([]),
  /** What follows an agency-looking word when it is a place name instead (…街道中心社区6组). */
  placeAfterAgency: regexSource,
  agencyWindow: z.number().int().positive(),
  personWindow: z.number().int().positive(),
  blockHeadings: words,
  /** Lines of a company's block (法定代表人, 统一社会信用代码): values under them are the company's. */
  agencyBlockWords: words,
  /** Endings that make a party named under a role label (当事人：…) an organisation, so the role word names it. */
  organisationEndings: words,
  /** Labels a bracket after an organisation's or a shop's name opens on (某大药房钧台店（地址：…）): the value is theirs. */
  bracketLabels: words,
});

export const profileSchema = z.object({
  label: z.string(),
  description: z.string(),
  /** 公示 rules: recipients' names in a list are published, everything else about them is not. */
  keepListedNames: z.boolean(),
  detect: words.or(z.array(z.never())),
  /** Words that rule the profile out even where a detect word is present (公布 in 公布典型案例). */
  notWhen: z.array(z.string()).default([]),
  /** An agency's own public values (its hotline, its mailbox) that are never findings under this profile. */
  allow: z.array(z.string()).default([]),
  /** Terms never published under this profile (project code names, internal unit names). */
  deny: z.array(z.string()).default([]),
});
export type Profile = z.infer<typeof profileSchema>;

export const profilesSchema = z
  .object({ ...versioned, order: words, profiles: z.record(z.string(), profileSchema) })
  .refine((p) => "default" in p.profiles, "必须定义 default 配置")
  .refine((p) => p.order.every((name) => name in p.profiles), "order 中的配置必须已定义");

export const sensitiveContentSchema = z.object({
  ...versioned,
  riskTypes: z.record(z.string(), z.object({ reason: z.string(), description: z.string().optional() })),
  /** Words that open the question line of a Q&A (问：…？): it introduces its answer, like a heading. */
  questionOpeners: words,
  /** A condition item of a rule (（一）曾因盗窃受过刑事处罚的；): about whoever fits it, not an identified person. */
  genericConditions: z.object({
    note: z.string(),
    /** The risk types that need an identified individual. */
    riskTypes: words,
    pattern: z.string(),
    examples: z.object({ mustMatch: words, mustNotMatch: z.array(z.string()) }),
  }),
  /**
   * A law, regulation or judicial interpretation (a document of articles, 第一条……第二条……) states
   * norms: its paragraphs that name nothing specific (no figure, no 某) are not escalated by the model.
   */
  statuteDocuments: z.object({
    note: z.string(),
    /** A line that opens an article. */
    articlePattern: regexSource,
    /** Article lines that make a document a statute. */
    minArticles: z.number().int().min(2),
    /** Something specific in a paragraph (a figure, 某): the model's verdict stands. */
    specifics: regexSource,
  }),
});

/** File name (relative to lexicons/, without .json) → schema. */
export const lexiconFiles = {
  manifest: manifestSchema,
  normalization: normalizationSchema,
  t2s: t2sSchema,
  "area-codes": areaCodesSchema,
  surnames: surnamesSchema,
  keep: keepSchema,
  owners: ownersSchema,
  profiles: profilesSchema,
  "sensitive-content": sensitiveContentSchema,
  "recognizers/id-number": idNumberSchema,
  "recognizers/hk-mo-tw-id": hkMoTwIdSchema,
  "recognizers/phone": phoneSchema,
  "recognizers/bank-card": bankCardSchema,
  "recognizers/email": emailSchema,
  "recognizers/passport": passportSchema,
  "recognizers/travel-permit": travelPermitSchema,
  "recognizers/license-plate": licensePlateSchema,
  "recognizers/person-name": personNameSchema,
  "recognizers/address": addressSchema,
  "recognizers/secret-marking": secretMarkingSchema,
  "recognizers/self-restricted": selfRestrictedSchema,
  "recognizers/earthquake-forecast": earthquakeForecastSchema,
  "recognizers/exposed-systems": exposedSystemsSchema,
  "recognizers/secrecy-breach": secrecyBreachSchema,
  "recognizers/unreleased-exam": unreleasedExamSchema,
  "recognizers/sensitive-columns": sensitiveColumnsSchema,
} as const;

type Files = typeof lexiconFiles;
export type LexiconData = { [K in keyof Files]: z.infer<Files[K]> };
export type RawLexiconFiles = Record<string, unknown>;

export interface Lexicon {
  /** The bundle's version (manifest.json): what every review records. */
  version: string;
  data: LexiconData;
  profiles: Record<string, Profile>;
}

export class LexiconError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`词库文件无效：lexicons/${file}.json：${detail}`);
    this.name = "LexiconError";
  }
}

/** Validates every lexicon file; throws LexiconError naming the first bad or missing file. */
export function parseLexicon(files: RawLexiconFiles): Lexicon {
  const data: Partial<Record<keyof Files, unknown>> = {};
  for (const [name, schema] of Object.entries(lexiconFiles) as [keyof Files, z.ZodType][]) {
    const raw = files[name];
    if (raw === undefined) throw new LexiconError(name, "文件缺失");
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new LexiconError(name, `${issue?.path.join(".") || "(根)"}：${issue?.message ?? "格式错误"}`);
    }
    data[name] = parsed.data;
  }
  const complete = data as LexiconData;
  return { version: complete.manifest.version, data: complete, profiles: complete.profiles.profiles };
}
