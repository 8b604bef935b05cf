// Generates the typed client's types from the OpenAPI document the running site serves, where Umbraco 10-17 serve
// theirs: a front end built for Umbraco does exactly this against its own Umbraco.
import { writeFile, mkdir } from "node:fs/promises";
import openapiTS, { astToString } from "openapi-typescript";

const baseUrl = process.env.PV_SITE_URL ?? "http://127.0.0.1:5000";
const document = new URL("/umbraco/swagger/delivery/swagger.json", baseUrl);
const ast = await openapiTS(document);
await mkdir(new URL("./generated/", import.meta.url), { recursive: true });
await writeFile(new URL("./generated/site.ts", import.meta.url), astToString(ast));
console.log(`generated ${Object.keys(ast).length} declarations from ${document}`);
