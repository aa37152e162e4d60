// E-mail addresses: a private mailbox is redacted; an agency's is public contact information and
// kept — an official domain (gov.cn and listed ones) says so by itself, a free-mail box (…@163.com)
// only when the shared owner judgement gives it to an office (我局邮箱, 信访邮箱：…).
import { settle, contextNote, type Candidate, type Recognizer } from "../candidate.js";
import { ownerJudge } from "../owner.js";

const EMAIL = /[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,12}/g;

export const recognizeEmails: Recognizer = (input) => {
  const lex = input.lexicon.data["recognizers/email"];
  const { text } = input.doc;
  const out: Candidate[] = [];
  if (!text.includes("@")) return out;
  EMAIL.lastIndex = 0;
  for (let m = EMAIL.exec(text); m; m = EMAIL.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (/[A-Za-z0-9._%+-]/.test(text[start - 1] ?? "")) continue;
    const domain = m[0].slice(m[0].indexOf("@") + 1).toLowerCase();
    const official =
      lex.officialSuffixes.some((s) => domain.endsWith(s)) || lex.officialDomains.some((d) => domain === d || domain.endsWith("." + d));
    const allowed = input.profile.allow.includes(m[0]);
    const freeMail = lex.freeMailDomains.includes(domain);
    const judge = ownerJudge(input.lexicon.data);
    // sales@kyxinke.com.cn on a company's own domain is its sales desk, whoever is named beside it.
    const local = m[0].slice(0, m[0].indexOf("@")).toLowerCase();
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
