"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// test/integration/index.ts
var index_exports = {};
__export(index_exports, {
  run: () => run
});
module.exports = __toCommonJS(index_exports);
var fs = __toESM(require("node:fs"));
var path = __toESM(require("node:path"));
var import_mocha = __toESM(require("mocha"));
function run() {
  const mocha = new import_mocha.default({ ui: "tdd", color: false, timeout: 6e4, reporter: "spec" });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith(".test.js")).sort()) mocha.addFile(path.join(__dirname, file));
  const resultFile = process.env.AZURE_TOKEN_TEST_RESULT;
  const results = { passed: [], failed: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (resultFile) fs.writeFileSync(resultFile, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} integration tests failed.`));
      else resolve();
    });
    runner.on("pass", (t) => results.passed.push(t.fullTitle()));
    runner.on("fail", (t, err) => results.failed.push({ title: t.fullTitle(), error: String(err?.stack ?? err) }));
  });
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  run
});
//# sourceMappingURL=data:application/json;base64,ewogICJ2ZXJzaW9uIjogMywKICAic291cmNlcyI6IFsiLi4vLi4vLi4vdGVzdC9pbnRlZ3JhdGlvbi9pbmRleC50cyJdLAogICJzb3VyY2VzQ29udGVudCI6IFsiLy8gRW50cnkgcG9pbnQgdGhlIHdvcmtiZW5jaCBjYWxscyBpbnNpZGUgdGhlIHJlYWwgZXh0ZW5zaW9uIGhvc3QgKHBheWxvYWQgYGV4dGVuc2lvblRlc3RzUGF0aGApLlxuLy8gUnVucyBldmVyeSAqLnRlc3QuanMgbmV4dCB0byBpdCB3aXRoIG1vY2hhIGFuZCB3cml0ZXMgYSBKU09OIHN1bW1hcnkgZm9yIHRoZSBkcml2ZXIuXG5pbXBvcnQgKiBhcyBmcyBmcm9tIFwibm9kZTpmc1wiO1xuaW1wb3J0ICogYXMgcGF0aCBmcm9tIFwibm9kZTpwYXRoXCI7XG5pbXBvcnQgTW9jaGEgZnJvbSBcIm1vY2hhXCI7XG5cbmV4cG9ydCBmdW5jdGlvbiBydW4oKTogUHJvbWlzZTx2b2lkPiB7XG4gIGNvbnN0IG1vY2hhID0gbmV3IE1vY2hhKHsgdWk6IFwidGRkXCIsIGNvbG9yOiBmYWxzZSwgdGltZW91dDogNjBfMDAwLCByZXBvcnRlcjogXCJzcGVjXCIgfSk7XG4gIGZvciAoY29uc3QgZmlsZSBvZiBmcy5yZWFkZGlyU3luYyhfX2Rpcm5hbWUpLmZpbHRlcigoZikgPT4gZi5lbmRzV2l0aChcIi50ZXN0LmpzXCIpKS5zb3J0KCkpIG1vY2hhLmFkZEZpbGUocGF0aC5qb2luKF9fZGlybmFtZSwgZmlsZSkpO1xuICBjb25zdCByZXN1bHRGaWxlID0gcHJvY2Vzcy5lbnYuQVpVUkVfVE9LRU5fVEVTVF9SRVNVTFQ7XG4gIGNvbnN0IHJlc3VsdHM6IHsgcGFzc2VkOiBzdHJpbmdbXTsgZmFpbGVkOiB7IHRpdGxlOiBzdHJpbmc7IGVycm9yOiBzdHJpbmcgfVtdIH0gPSB7IHBhc3NlZDogW10sIGZhaWxlZDogW10gfTtcbiAgcmV0dXJuIG5ldyBQcm9taXNlKChyZXNvbHZlLCByZWplY3QpID0+IHtcbiAgICBjb25zdCBydW5uZXIgPSBtb2NoYS5ydW4oKGZhaWx1cmVzKSA9PiB7XG4gICAgICBpZiAocmVzdWx0RmlsZSkgZnMud3JpdGVGaWxlU3luYyhyZXN1bHRGaWxlLCBKU09OLnN0cmluZ2lmeShyZXN1bHRzLCBudWxsLCAyKSk7XG4gICAgICBpZiAoZmFpbHVyZXMgPiAwKSByZWplY3QobmV3IEVycm9yKGAke2ZhaWx1cmVzfSBpbnRlZ3JhdGlvbiB0ZXN0cyBmYWlsZWQuYCkpOyBlbHNlIHJlc29sdmUoKTtcbiAgICB9KTtcbiAgICBydW5uZXIub24oXCJwYXNzXCIsICh0KSA9PiByZXN1bHRzLnBhc3NlZC5wdXNoKHQuZnVsbFRpdGxlKCkpKTtcbiAgICBydW5uZXIub24oXCJmYWlsXCIsICh0LCBlcnI6IEVycm9yKSA9PiByZXN1bHRzLmZhaWxlZC5wdXNoKHsgdGl0bGU6IHQuZnVsbFRpdGxlKCksIGVycm9yOiBTdHJpbmcoZXJyPy5zdGFjayA/PyBlcnIpIH0pKTtcbiAgfSk7XG59XG4iXSwKICAibWFwcGluZ3MiOiAiOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7QUFBQTtBQUFBO0FBQUE7QUFBQTtBQUFBO0FBRUEsU0FBb0I7QUFDcEIsV0FBc0I7QUFDdEIsbUJBQWtCO0FBRVgsU0FBUyxNQUFxQjtBQUNuQyxRQUFNLFFBQVEsSUFBSSxhQUFBQSxRQUFNLEVBQUUsSUFBSSxPQUFPLE9BQU8sT0FBTyxTQUFTLEtBQVEsVUFBVSxPQUFPLENBQUM7QUFDdEYsYUFBVyxRQUFXLGVBQVksU0FBUyxFQUFFLE9BQU8sQ0FBQyxNQUFNLEVBQUUsU0FBUyxVQUFVLENBQUMsRUFBRSxLQUFLLEVBQUcsT0FBTSxRQUFhLFVBQUssV0FBVyxJQUFJLENBQUM7QUFDbkksUUFBTSxhQUFhLFFBQVEsSUFBSTtBQUMvQixRQUFNLFVBQTRFLEVBQUUsUUFBUSxDQUFDLEdBQUcsUUFBUSxDQUFDLEVBQUU7QUFDM0csU0FBTyxJQUFJLFFBQVEsQ0FBQyxTQUFTLFdBQVc7QUFDdEMsVUFBTSxTQUFTLE1BQU0sSUFBSSxDQUFDLGFBQWE7QUFDckMsVUFBSSxXQUFZLENBQUcsaUJBQWMsWUFBWSxLQUFLLFVBQVUsU0FBUyxNQUFNLENBQUMsQ0FBQztBQUM3RSxVQUFJLFdBQVcsRUFBRyxRQUFPLElBQUksTUFBTSxHQUFHLFFBQVEsNEJBQTRCLENBQUM7QUFBQSxVQUFRLFNBQVE7QUFBQSxJQUM3RixDQUFDO0FBQ0QsV0FBTyxHQUFHLFFBQVEsQ0FBQyxNQUFNLFFBQVEsT0FBTyxLQUFLLEVBQUUsVUFBVSxDQUFDLENBQUM7QUFDM0QsV0FBTyxHQUFHLFFBQVEsQ0FBQyxHQUFHLFFBQWUsUUFBUSxPQUFPLEtBQUssRUFBRSxPQUFPLEVBQUUsVUFBVSxHQUFHLE9BQU8sT0FBTyxLQUFLLFNBQVMsR0FBRyxFQUFFLENBQUMsQ0FBQztBQUFBLEVBQ3RILENBQUM7QUFDSDsiLAogICJuYW1lcyI6IFsiTW9jaGEiXQp9Cg==
