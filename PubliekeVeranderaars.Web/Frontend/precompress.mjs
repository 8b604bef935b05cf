// Writes a brotli (.br) and a gzip (.gz) copy beside each file named, at the highest levels: done once at build
// time, so the site sends the smallest copy a browser takes without compressing anything per request.
// Usage: node Frontend/precompress.mjs <file>...
import { readFile, writeFile } from "node:fs/promises";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

for (const file of process.argv.slice(2)) {
  const plain = await readFile(file);
  await writeFile(file + ".br", brotliCompressSync(plain, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: plain.length },
  }));
  await writeFile(file + ".gz", gzipSync(plain, { level: constants.Z_BEST_COMPRESSION }));
}
