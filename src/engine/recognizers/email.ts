// E-mail addresses: a private mailbox is redacted; an agency's is public contact information and
// kept — an official domain (gov.cn and listed ones) says so by itself, a free-mail box (…@163.com)
// only when the shared owner judgement gives it to an office (我局邮箱, 信访邮箱：…).
import { settle, contextNote, type Candidate, type Recognizer } from "../candidate.js";
import { ownerJudge } from "../owner.js";
import { escapeRegExp } from "../regexp.js";

const LOCAL = "[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}";
const DOMAIN = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\\.)+[A-Za-z]{2,12}";
const EMAIL = new RegExp(`${LOCAL}@${DOMAIN}`, "g");
const standInPatterns = new WeakMap<object, RegExp>();

/** local(at)domain and the like: the stand-in for @ is group 1, the domain group 2. */
function standInPattern(standIns: { bracketed: readonly string[]; bare: readonly string[] }): RegExp {
  let re = standInPatterns.get(standIns);
  if (!re) {
    const alt = [...standIns.bracketed, ...standIns.bare].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|");
    re = new RegExp(`${LOCAL}( ?(?:${alt}) ?)(${DOMAIN})`, "gi");
    standInPatterns.set(standIns, re);
  }
  return re;
}

export const recognizeEmails: Recognizer = (input) => {
  const lex = input.lexicon.data["recognizers/email"];
  const { text } = input.doc;
  const out: Candidate[] = [];
  const found: { start: number; end: number; local: string; domain: string }[] = [];
  if (text.includes("@")) {
    EMAIL.lastIndex = 0;
    for (let m = EMAIL.exec(text); m; m = EMAIL.exec(text)) {
      const at = m[0].indexOf("@");
      found.push({ start: m.index, end: m.index + m[0].length, local: m[0].slice(0, at), domain: m[0].slice(at + 1) });
    }
  }
  const standIn = standInPattern(lex.atStandIns);
  standIn.lastIndex = 0;
  for (let m = standIn.exec(text); m; m = standIn.exec(text)) {
    const domain = m[2]!;
    const bare = !lex.atStandIns.bracketed.some((s) => s.toLowerCase() === m![1]!.trim().toLowerCase());
    if (bare && !lex.freeMailDomains.includes(domain.toLowerCase())) {
      standIn.lastIndex = m.index + 1;
      continue;
    }
    found.push({ start: m.index, end: m.index + m[0].length, local: m[0].slice(0, m[0].length - m[1]!.length - domain.length), domain });
  }
  for (const { start, end, local: localPart, domain: domainPart } of found) {
    if (/[A-Za-z0-9._%+-]/.test(text[start - 1] ?? "")) continue;
    const value = text.slice(start, end);
    const domain = domainPart.toLowerCase();
    const official =
      lex.officialSuffixes.some((s) => domain.endsWith(s)) || lex.officialDomains.some((d) => domain === d || domain.endsWith("." + d));
    const allowed = input.profile.allow.includes(value);
    const freeMail = lex.freeMailDomains.includes(domain);
    const judge = ownerJudge(input.lexicon.data);
    // sales@kyxinke.com.cn on a company's own domain is its sales desk, whoever is named beside it.
    const local = localPart.toLowerCase();
    const roleMailbox = !freeMail && lex.roleLocalParts.includes(local.replace(/[0-9]+$/, ""));
    const owner = official || allowed || roleMailbox ? null : judge.judge(input.doc, { start, end });
    out.push(
      settle(
        {
          category: "email",
          rule: "email.mailbox",
          start,
          end,
          pattern: "电子邮箱地址",
          validator: official ? `域名 ${domain} 属机关或官方域名` : freeMail ? `域名 ${domain} 为个人常用邮箱服务` : null,
          baseScore: freeMail ? 0.9 : 0.7,
          score: freeMail ? 0.9 : 0.7,
          context: owner?.evidence ? [contextNote(owner.evidence, owner.owner === "agency" ? "public" : "support")] : [],
          notes: owner?.owner === "person" ? [judge.describe(owner)] : [],
          reason: lex.reason,
          basis: lex.basis,
          priority: 90,
          keptBecause: official
            ? "机关公开电子邮箱"
            : allowed
              ? "本单位允许公开的邮箱"
              : roleMailbox
                ? `职能邮箱（${local}@），属单位而非个人`
                : owner?.owner === "agency"
                  ? `${judge.describe(owner)}的公开邮箱`
                  : undefined,
        },
        "redact",
      ),
    );
  }
  return out;
};
