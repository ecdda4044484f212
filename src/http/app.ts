// Builds the Fastify application: plugins, hooks, routes. No listening here (main.ts does that),
// so tests drive the same app through inject() and a real socket alike.
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { loggerOptions } from '../logger.js';
import { installErrorHandling, sendError } from './errorHandler.js';
import { installInputHygiene } from './inputHygiene.js';
import { authRoutes } from './routes/auth.js';
import { directoryRoutes } from './routes/directory.js';
import { healthRoutes } from './routes/health.js';
import { hsdsRoutes } from './routes/hsds.js';
import { ChatService } from '../domain/chat/chatService.js';
import { startChatPurge } from '../jobs/purgeChatTranscripts.js';
import { chatPublicRoutes } from './routes/chatPublic.js';
import { chatRoutes } from './routes/chats.js';
import { directoryTransferRoutes } from './routes/directoryTransfer.js';
import { unitDeps } from './deps.js';
import { journalRoutes } from './routes/journal.js';
import { reportRoutes } from './routes/reports.js';
import { realtimeRoutes } from './routes/realtime.js';
import { recordRoutes } from './routes/records.js';
import { recordSupportRoutes } from './routes/recordsSupport.js';
import { caseRoutes } from './routes/cases.js';
import { signalRoutes } from './routes/signals.js';
import { signalLetterRoutes } from './routes/signalLetters.js';
import { configuredSenders } from '../domain/signals/emailSender.js';
import { signalSupportRoutes } from './routes/signalsSupport.js';
import { startCaseDestruction } from '../jobs/destroyExpiredCases.js';
import { startOverdueSignals } from '../jobs/announceOverdueSignals.js';
import { referralRoutes } from './routes/referrals.js';
import { RecordsSync } from '../domain/records/routingSync.js';
import { routingRoutes } from './routes/routing.js';
import { routingBoardRoutes } from './routes/routingBoard.js';
import { routingIngressRoutes } from './routes/routingIngress.js';
import { RoutingRuntime } from '../domain/routing/live/routingRuntime.js';
import { serviceRoutes } from './routes/services.js';
import { staffRoutes } from './routes/staff.js';
import { installSecurityHeaders } from './securityHeaders.js';
import { installSessionHooks, userChangedBy } from './sessionHooks.js';
import { SessionStore } from '../domain/auth/sessionStore.js';
import { installSpa } from './spa.js';
import { VoiceNumbers } from '../domain/voice/voiceNumbers.js';
import { VoiceRuntime } from '../voice/voiceRuntime.js';
import { voiceRoutes } from './routes/voice.js';
import { voiceEdgeRoutes } from './routes/voiceEdge.js';
import { sipServerOf, voiceDeskPhoneRoutes } from './routes/voiceDeskPhones.js';
import { DeskPhones } from '../domain/voice/deskPhones.js';
import type { App, AppDeps } from './types.js';

/**
 * On shutdown: ask every WebSocket client to go away (1001), then cut those that do not answer
 * within a second, so one stuck client cannot hold the process (and the database) open.
 */
function closeSockets(this: FastifyInstance, done: () => void): void {
  const server = this.websocketServer;
  for (const client of server.clients) client.close(1001, 'server shutting down');
  const timer = setTimeout(() => {
    for (const client of server.clients) client.terminate();
    server.close(() => done());
  }, SOCKET_CLOSE_GRACE_MS);
  timer.unref();
  if (server.clients.size === 0) {
    clearTimeout(timer);
    server.close(() => done());
  }
}

const SOCKET_CLOSE_GRACE_MS = 1000;
/** Each attempt to take the routing lease waits this long; a standby keeps retrying (openInBackground). */
const ROUTING_LEASE_WAIT_MS = 2_000;

export interface BuildOptions {
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? loggerOptions(deps.config.logLevel),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    // Errors raised before routing (bad percent-encoding, over-long path parameters) use the error table too.
    frameworkErrors: (error, request, reply) =>
      sendError(request, reply, error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'request.invalid' : 'request.malformed'),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Doverie API', version: '0.1.0', description: "Staff API of Doverie, the children's helpline platform." },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'doverie_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 }, preClose: closeSockets });
  installSecurityHeaders(app, deps);
  const sessions = new SessionStore(deps.db, deps.config.secrets, deps.config.session);
  deps.hub.listen((event) => {
    const userId = userChangedBy(event);
    if (userId) sessions.forgetUser(userId);
  });
  installSessionHooks(app, deps, sessions);
  installInputHygiene(app);

  healthRoutes(app, deps);
  authRoutes(app, deps);
  serviceRoutes(app, deps);
  staffRoutes(app, deps);
  journalRoutes(app, deps);
  reportRoutes(app, deps);
  directoryRoutes(app, unitDeps(deps));
  directoryTransferRoutes(app, deps);
  hsdsRoutes(app, deps);
  realtimeRoutes(app, deps, sessions);

  // The routing engine's single writer lives as long as the app; it stops (finishing the batch in
  // flight) before the database closes.
  const routing = RoutingRuntime.create({
    db: deps.db,
    publish: deps.hub.publish,
    clock: deps.clock,
    lease: deps.databaseKind === 'postgres' ? { waitMs: ROUTING_LEASE_WAIT_MS } : undefined,
    onError: (err, what) => app.log.error({ err }, what),
  });
  routing.openInBackground();
  app.addHook('onClose', () => routing.stop());
  deps.hub.listen((event) => {
    if (event.topic === 'admin' && (event.name === 'service.updated' || event.name === 'service.created')) {
      void routing.reloadSettings(String(event.data.id)).catch((err: unknown) => app.log.error({ err }, 'routing settings reload failed'));
    }
  });
  const routingDeps = { db: deps.db, routing, clock: deps.clock, publish: deps.hub.publish };
  // The phone line (made below) moves a contact that is a call through its edge.
  let phoneLine: VoiceRuntime | undefined;
  routingRoutes(app, routingDeps, () => phoneLine?.service ?? null);
  routingBoardRoutes(app, routingDeps);
  routingIngressRoutes(app, {
    ...routingDeps,
    pepper: deps.config.secrets.hmacPepper,
    token: deps.config.ingressToken,
  });
  app.decorate('routingRuntime', routing);

  // Contact records follow the routing log: at start, shortly after each routing batch, and every few seconds.
  const recordsSync = new RecordsSync({
    db: deps.db,
    key: deps.config.secrets.encryptionKey,
    clock: deps.clock,
    onError: (err) => app.log.error({ err }, 'records sync failed'),
  });
  recordsSync.start();
  deps.hub.listen((event) => {
    if (event.name.startsWith('routing.')) recordsSync.poke();
  });
  app.addHook('onClose', () => recordsSync.stop());
  const recordDeps = {
    db: deps.db,
    publish: deps.hub.publish,
    clock: deps.clock,
    key: deps.config.secrets.encryptionKey,
    syncRecords: () => recordsSync.runOnce(),
    routing,
  };
  recordRoutes(app, recordDeps);
  recordSupportRoutes(app, recordDeps);
  app.decorate('recordsSync', recordsSync);

  // Cases and signals start from contact records. E-mail sends by itself when an SMTP server is
  // configured; any other channel (and e-mail without a server) is sent by a person and recorded by hand.
  caseRoutes(app, recordDeps);
  const signalSenders = configuredSenders(deps.config.smtp, deps.clock);
  app.addHook('onClose', async () => signalSenders.close());
  const signalDeps = { ...recordDeps, senders: signalSenders.senders };
  signalRoutes(app, signalDeps);
  signalLetterRoutes(app, signalDeps);
  signalSupportRoutes(app, unitDeps(deps));
  const stopCaseDestruction = startCaseDestruction(deps.db, deps.clock, (err) => app.log.error({ err }, 'case destruction failed'));
  app.addHook('onClose', async () => stopCaseDestruction());
  // A signal that becomes overdue is pushed to its service's board once (per kind), not only read there.
  const overdueSignals = startOverdueSignals(unitDeps(deps), (err) => app.log.error({ err }, 'overdue signal notices failed'));
  app.addHook('onClose', async () => overdueSignals.stop());
  app.decorate('overdueSignals', overdueSignals);

  // The web chat follows the routing engine (it is a chat channel of it) and keeps its open chats in memory.
  const chat = new ChatService({
    db: deps.db,
    key: deps.config.secrets.encryptionKey,
    pepper: deps.config.secrets.hmacPepper,
    routing,
    publish: deps.hub.publish,
    clock: deps.clock,
    onError: (err, what) => app.log.error({ err }, what),
  });
  chat.start();
  deps.hub.listen((event) => {
    if (event.name.startsWith('routing.')) chat.syncSoon();
    if (event.topic === 'admin' && event.name === 'service.updated') chat.forgetService(String(event.data.id));
  });
  app.addHook('preClose', async () => chat.stop());
  chatPublicRoutes(app, chat, { exitUrl: deps.config.chatExitUrl });
  chatRoutes(app, chat, unitDeps(deps));
  referralRoutes(app, recordDeps, chat);
  const stopChatPurge = startChatPurge(deps.db, deps.clock, (err) => app.log.error({ err }, 'chat transcript purge failed'));
  app.addHook('onClose', async () => stopChatPurge());
  app.decorate('chat', chat);

  // The phone line: the edge's routes, the staff's; the edge itself starts once the server listens (server.ts).
  const numbers = new VoiceNumbers(deps.db);
  const voice = new VoiceRuntime({
    voice: deps.config.voice,
    db: deps.db,
    routing,
    pepper: deps.config.secrets.hmacPepper,
    clock: deps.clock,
    numbers,
    log: { info: (obj, msg) => app.log.info(obj, msg), error: (obj, msg) => app.log.error(obj, msg) },
  });
  phoneLine = voice;
  voiceEdgeRoutes(app, voice.service, deps.config.voice?.token);
  voiceRoutes(app, voice.service, numbers, () => voice.status(), deps.clock);
  const v = deps.config.voice;
  const desk =
    v &&
    new DeskPhones({
      ...unitDeps(deps),
      key: deps.config.secrets.encryptionKey,
      realm: v.realm,
      server: sipServerOf(v),
      dropRegistration: async (staffId) => {
        await voice.service
          ?.dropDeskPhone(staffId)
          .catch((err: unknown) => app.log.error({ err }, 'desk phone: its registration was not dropped'));
      },
    });
  voiceDeskPhoneRoutes(app, desk, v?.token);
  app.addHook('onClose', async () => voice.stop());
  app.decorate('voice', voice);
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  await installSpa(app, deps);
  return app;
}
