// What a front end built for Umbraco's Content Delivery API does, against this site: a client generated from the
// site's OpenAPI document (types by openapi-typescript, requests by openapi-fetch, which percent-encodes path
// parameters as every generated client does), and Umbraco's own acceptance-test helper. Prints one line per check
// and exits non-zero when any fails. Run by Web.Tests' GeneratedClientTests against a site it starts.
import createClient from "openapi-fetch";
import { request } from "@playwright/test";
import helpers from "@umbraco/playwright-testhelpers/dist/lib/helpers/differentAppSettingsHelpers/ContentDeliveryApiHelper.js";
import type { components, paths } from "./generated/site.ts";

type Content = components["schemas"]["IApiContentResponseModel"];
type Problem = components["schemas"]["ProblemDetails"];

const baseUrl = (process.env.PV_SITE_URL ?? "http://127.0.0.1:5000").replace(/\/$/, "");
const client = createClient<paths>({ baseUrl });
const failures: string[] = [];

function check(name: string, passed: boolean, detail?: unknown): void {
  console.log(`${passed ? "ok  " : "FAIL"} ${name}`);
  if (!passed) failures.push(`${name}: ${JSON.stringify(detail)?.slice(0, 300)}`);
}

// --- the generated, typed client ---
const byPath = await client.GET("/umbraco/delivery/api/v2/content/item/{path}", {
  params: { path: { path: "zo-veranderen-wij/verbeelden" } },
});
const verbeelden: Content | undefined = byPath.data;
check("item by path, its slash sent as %2F", byPath.response.status === 200 && verbeelden?.name === "Verbeelden", byPath.response.status);
check("the item's route and start item are typed and filled",
  verbeelden?.route.path === "/zo-veranderen-wij/verbeelden/" && typeof verbeelden?.route.startItem.id === "string", verbeelden?.route);

const principles = await client.GET("/umbraco/delivery/api/v2/content", {
  params: { query: { filter: ["contentType:principle"], sort: ["name:asc"], skip: 0, take: 10000 } },
});
const names = principles.data?.items.map((i) => i.name ?? "") ?? [];
check("query: the twelve ways, sorted by name, take=10000", principles.data?.total === 12 && names.join() === [...names].sort((a, b) => a.localeCompare(b)).join(), names);

const home = (await client.GET("/umbraco/delivery/api/v2/content", { params: { query: { fetch: "ancestors:zo-veranderen-wij" } } })).data?.items[0];
check("ancestors of a path give the home page", home !== undefined && home.route.path === "/", home?.route);

const scoped = await client.GET("/umbraco/delivery/api/v2/content/item/{path}", {
  params: { path: { path: "initiatieven" }, header: { "Start-Item": home?.id ?? "" } },
});
check("Start-Item header, typed", scoped.response.status === 200 && scoped.data?.name === "Initiatieven", scoped.response.status);

const unknownStart = await client.GET("/umbraco/delivery/api/v2/content/item/{path}", {
  params: { path: { path: "initiatieven" }, header: { "Start-Item": "bestaat-niet" } },
});
check("an unknown Start-Item is a 404", unknownStart.response.status === 404, unknownStart.response.status);

const byId = await client.GET("/umbraco/delivery/api/v2/content/item/{id}", { params: { path: { id: verbeelden?.id ?? "" }, query: { expand: "properties[$all]" } } });
check("item by id with expand", byId.response.status === 200 && byId.data?.id === verbeelden?.id, byId.response.status);

const items = await client.GET("/umbraco/delivery/api/v2/content/items", { params: { query: { id: [verbeelden?.id ?? "", home?.id ?? ""] } } });
check("items by id", items.data?.length === 2, items.data?.length);

const empty = await client.GET("/umbraco/delivery/api/v2/content", { params: { query: { fetch: "children:00000000-0000-0000-0000-000000000001" } } });
check("a selector naming nothing is an empty page", empty.response.status === 200 && empty.data?.total === 0, empty.response.status);

const badFilter = await client.GET("/umbraco/delivery/api/v2/content", { params: { query: { filter: ["bestaatniet:x"] } } });
const problem: Problem | undefined = badFilter.error as Problem | undefined;
check("an unknown filter is Umbraco's 400 problem", badFilter.response.status === 400 && problem?.title === "Filter option not found", problem);

const missing = await client.GET("/umbraco/delivery/api/v2/content/item/{id}", { params: { path: { id: "00000000-0000-0000-0000-000000000001" } } });
check("an unknown id is a 404 problem", missing.response.status === 404 && (missing.error as Problem | undefined)?.title === "Not Found", missing.error);

const media = await client.GET("/umbraco/delivery/api/v2/media", { params: { query: { fetch: "children:/", take: 100 } } });
check("media: the library's top level, typed", media.response.status === 200 && (media.data?.items.every((m) => typeof m.url === "string") ?? false), media.response.status);

// --- Umbraco's own acceptance-test helper, as Umbraco's tests call it ---
const context = await request.newContext();
const api = {
  baseUrl,
  get: (url: string, params?: Record<string, string>, headers?: Record<string, string>) => context.get(url, { params, headers }),
};
const helper = new helpers.ContentDeliveryApiHelper(api as never);
const everything = await helper.getAllContentItems();
const total = (await client.GET("/umbraco/delivery/api/v2/content", { params: { query: { take: 1 } } })).data?.total ?? -1;
check("helper: all content items (take=10000)", total > 12 && everything.total === total && everything.items.length === total, [everything.total, total]);
const byRoute = await helper.getContentItemWithRoute("/zo-veranderen-wij/verbeelden/");
check("helper: item by route", byRoute.status() === 200 && (await byRoute.json()).name === "Verbeelden", byRoute.status());
const children = await helper.getContentItemsFromAQuery(undefined, "children:/zo-veranderen-wij/", "contentType:principle", "sortOrder:asc", 0, 100);
check("helper: children with filter and sort", children.status() === 200 && (await children.json()).total === 12, children.status());
const withIds = await helper.getContentItemsWithIds([verbeelden?.id ?? "", home?.id ?? ""]);
check("helper: items by id", withIds.status() === 200 && (await withIds.json()).length === 2, withIds.status());
const withHeaders = await helper.getContentItemWithId(verbeelden?.id ?? "", { "Accept-Language": "nl-NL" }, "properties[$all]", "properties[$all]");
check("helper: item by id with headers, expand and fields", withHeaders.status() === 200, withHeaders.status());
await context.dispose();

console.log(failures.length === 0 ? "all checks passed" : `${failures.length} checks failed:\n${failures.join("\n")}`);
process.exit(failures.length === 0 ? 0 : 1);
