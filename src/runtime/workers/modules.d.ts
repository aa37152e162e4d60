// Modules that exist only in the Workers bundle. wrangler imports `.wasm` files as compiled
// WebAssembly modules (workerd may not compile WASM at run time), and the generated data module
// is written by scripts/build-worker-data.ts before every `wrangler dev` / `wrangler deploy`
// (wrangler.toml's [alias] points the name at it).
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}

declare module "mishen-worker-data" {
  const data: import("./data.js").WorkerData;
  export default data;
}
