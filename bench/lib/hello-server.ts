import Fastify from 'fastify';

/** The HTTP baseline: Fastify's hello world, run as its own process like the API. Listens on PORT. */
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
