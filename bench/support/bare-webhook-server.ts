/**
 * The baseline of `npm run bench:webhook`: the least a webhook can do on Node — a bare Fastify
 * handler that parses the delivery and reads the clinic's config row from the same PostgreSQL by
 * id on every request, and answers a tool-calls reply. No auth, no framework layers, no cache.
 *
 * Run by Node itself (type stripping), not by vitest: `node bench/support/bare-webhook-server.ts`
 * with DATABASE_URL, CLINIC_ID and PORT.
 */
import Fastify from 'fastify';
import pg from 'pg';

const { DATABASE_URL, CLINIC_ID, PORT } = process.env;
if (!DATABASE_URL || !CLINIC_ID || !PORT) throw new Error('DATABASE_URL, CLINIC_ID and PORT are required');

// the same pool size as the API's data source (apps/api/src/database/data-source.ts)
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });

interface Delivery {
  message?: { toolCallList?: Array<{ id: string; function?: { name?: string } }> };
}

app.get('/health', async () => ({ ok: true }));

app.post('/api/vapi/webhook', async (request) => {
  const toolCalls = (request.body as Delivery).message?.toolCallList ?? [];
  const { rows } = await pool.query(
    'SELECT default_language, supported_languages, accepting_new_patients, waitlist_enabled, custom_greeting FROM clinic_config WHERE clinic_id = $1',
    [CLINIC_ID],
  );
  const config = rows[0] ?? {};
  const result = JSON.stringify({
    languages: config.supported_languages,
    defaultLanguage: config.default_language,
    acceptingNewPatients: config.accepting_new_patients,
    waitlistEnabled: config.waitlist_enabled,
    say: config.custom_greeting ?? 'Thank you for calling.',
  });
  return { results: toolCalls.map((tc) => ({ name: tc.function?.name, toolCallId: tc.id, result })) };
});

await app.listen({ port: Number(PORT), host: '127.0.0.1' });
const stop = () => void app.close().then(() => pool.end()).then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
