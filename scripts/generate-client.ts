// npm run client:generate — writes the OpenAPI document the service serves at /openapi.json to
// clients/typescript/openapi.json, and the client's types generated from it (openapi-typescript)
// to clients/typescript/src/schema.d.ts. test/cms/openapi-client.test.ts fails when either is stale.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openApiDocument } from "../src/http/openapi.js";
import { generateClientTypes } from "../clients/typescript/generate.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dir = path.join(root, "clients", "typescript");
const document = openApiDocument();
await writeFile(path.join(dir, "openapi.json"), JSON.stringify(document, null, 2) + "\n");
await writeFile(path.join(dir, "src", "schema.d.ts"), await generateClientTypes(document));
process.stdout.write(`已生成 ${path.relative(root, dir)}/openapi.json 和 src/schema.d.ts\n`);
