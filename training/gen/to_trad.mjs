// Converts a JSON array of Simplified strings (stdin) to Traditional (stdout), alternating the
// Taiwan and Hong Kong standards so both orthographies appear in training.
import * as OpenCC from "opencc-js";

const toTw = OpenCC.Converter({ from: "cn", to: "twp" });
const toHk = OpenCC.Converter({ from: "cn", to: "hk" });
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const items = JSON.parse(input);
  const out = items.map((s, i) => (i % 3 === 2 ? toHk(s) : toTw(s)));
  process.stdout.write(JSON.stringify(out));
});
