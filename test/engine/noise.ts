// Generators for drafts the way they arrive: Chinese filler, full-width digits, zero-width
// characters and the groupings people type numbers in.
import fc from "fast-check";

const FILLER_SOURCE =
  "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象革位入常文总次品式活设及管特件长求老头基资边路级少图山统接知较将组见计别她角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光即保治北造百规领七海口东导器压志世金增争济阶油思术极交受联什认六共权收改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张马节米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严，。、；";

/** Filler that cannot spell a context word by accident: the test is about shapes, not luck. */
export function filler(exclude: readonly string[]): fc.Arbitrary<string> {
  const banned = new Set(exclude.join(""));
  const pool = [...FILLER_SOURCE].filter((c) => !banned.has(c));
  return fc.array(fc.constantFrom(...pool), { minLength: 0, maxLength: 40 }).map((a) => a.join(""));
}

const ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"];

export interface Disguise {
  fullWidth: boolean[];
  zeroWidthAfter: (string | null)[];
}

/** Per character: full-width or not, and an invisible character after it (never after the last). */
export function disguise(length: number): fc.Arbitrary<Disguise> {
  return fc.record({
    fullWidth: fc.array(fc.boolean(), { minLength: length, maxLength: length }),
    zeroWidthAfter: fc.array(fc.option(fc.constantFrom(...ZERO_WIDTH), { freq: 4 }), { minLength: length, maxLength: length }),
  });
}

/** Writes a value with separators after the given group lengths, then applies the disguise. */
export function writeValue(value: string, groups: readonly number[] | null, separator: string, d: Disguise): string {
  const breakAfter = new Set<number>();
  if (groups) {
    let at = 0;
    for (const g of groups.slice(0, -1)) breakAfter.add((at += g) - 1);
  }
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    out += d.fullWidth[i] ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c;
    if (i === value.length - 1) break;
    if (breakAfter.has(i)) out += separator;
    const zw = d.zeroWidthAfter[i];
    if (zw) out += zw;
  }
  return out;
}
