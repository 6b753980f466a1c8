// Reads JSON lines from stdin, one delivery each:
//   {"secret":"whsec_…","headers":{"webhook-id":…,"webhook-timestamp":…,"webhook-signature":…},"body":"…"}
// and verifies each with the Standard Webhooks reference library
// (its default 5-minute timestamp tolerance included). Prints one line per
// delivery, "ok <webhook-id> <type>" or "bad <webhook-id> <error>", and exits
// 1 when any failed.
import { Webhook } from "standardwebhooks";
import { createInterface } from "node:readline";

let failed = 0;
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const d = JSON.parse(line);
  try {
    const payload = new Webhook(d.secret).verify(d.body, d.headers);
    console.log(`ok ${d.headers["webhook-id"]} ${payload.type}`);
  } catch (e) {
    failed++;
    console.log(`bad ${d.headers["webhook-id"]} ${e.message}`);
  }
}
process.exit(failed ? 1 : 0);
