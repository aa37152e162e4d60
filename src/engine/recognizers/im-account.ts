// QQ numbers and WeChat IDs written after their label (QQ：256560016, 微信号：tu_zufang186): a way
// to reach a private person, as a mobile is, so redacted under the phone category unless the
// shared owner judgement or a cue before the label (官方, 咨询, 客服…) gives it to an office.
// Only after a label: a bare run of digits or letters is nobody's account.
import { settle, contextNote, type Candidate, type Recognizer } from "../candidate.js";
import { ownerJudge } from "../owner.js";

export const recognizeImAccounts: Recognizer = (input) => {
  const lex = input.lexicon.data["recognizers/phone"].imAccounts;
  const phone = input.lexicon.data["recognizers/phone"];
  const { doc } = input;
  const text = doc.text;
  const out: Candidate[] = [];
  if (!/qq|微信|wechat|vx|v信/i.test(text)) return out;
  const rules = accountRules(lex);
  const judge = ownerJudge(input.lexicon.data);
  for (const [kind, re] of [["QQ", rules.qq], ["微信", rules.wechat]] as const) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const value = m[1]!;
      const end = m.index + m[0].length;
      const start = end - value.length;
      if (input.isProtected(start, end)) continue;
      // QQ群：…, 微信公众号：… are groups and channels, not a person's account.
      if (rules.notAccount.test(text.slice(m.index, start))) continue;
      const cue = rules.agencyCue.exec(text.slice(Math.max(0, m.index - 6), m.index));
      const owner = cue ? null : judge.judge(doc, { start, end }, { agencyNearby: false, agencyBlock: false });
      out.push(
        settle(
          {
            category: "phone",
            rule: "phone.im_account",
            start,
            end,
            pattern: kind === "QQ" ? "QQ 号码（标注后的 5–11 位数字）" : "微信号（标注后的 6–20 位字母、数字、下划线）",
            validator: null,
            baseScore: 0.85,
            score: 0.85 + (owner?.owner === "person" ? 0.1 : 0),
            context: owner?.evidence ? [contextNote(owner.evidence, owner.owner === "agency" ? "public" : "support")] : [],
            notes: owner?.owner === "person" ? [judge.describe(owner)] : [],
            reason: lex.reason,
            basis: phone.basis,
            priority: 80,
            keptBecause: cue ? `标注为"${cue[0]}"${kind}，属机关或单位的公开联系方式` : owner?.owner === "agency" ? `${judge.describe(owner)}的公开联系方式` : undefined,
          },
          "redact",
        ),
      );
    }
  }
  return out;
};

const ruleCache = new WeakMap<object, { qq: RegExp; wechat: RegExp; notAccount: RegExp; agencyCue: RegExp }>();
function accountRules(lex: { qqPattern: string; wechatPattern: string; notAccount: string[]; agencyCues: string[] }) {
  let r = ruleCache.get(lex);
  if (!r) {
    r = {
      qq: new RegExp(lex.qqPattern, "g"),
      wechat: new RegExp(lex.wechatPattern, "g"),
      notAccount: new RegExp(lex.notAccount.join("|")),
      agencyCue: new RegExp(`(?:${lex.agencyCues.join("|")})$`),
    };
    ruleCache.set(lex, r);
  }
  return r;
}
