// `npm start`: reads the configuration, starts Doverie and prints where it is and how to sign in.
import { ConfigError, loadConfig } from './config.js';
import { startServer } from './server.js';

async function main(): Promise<void> {
  let loaded;
  try {
    loaded = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const { config, notices } = loaded;
  for (const notice of notices) console.log(notice);

  const server = await startServer(config);
  console.log(`Doverie ready at ${server.url}`);
  if (server.demoLogins.length > 0) {
    console.log('Demo network created. These passwords are shown only once:');
    for (const d of server.demoLogins) {
      console.log(`login: ${d.login} password: ${d.password} role: ${d.role} service: ${d.service}`);
    }
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    // A client that stops reading must not keep the process alive forever.
    setTimeout(() => {
      console.error('Shutdown took longer than 10 s; exiting.');
      process.exit(1);
    }, 10_000).unref();
    server
      .stop()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        console.error(err);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('Doverie failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
