import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { eventContracts as c } from '@tingsted/platform/events';
import { attachRequestBytes } from '@tingsted/platform/files';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/**
 * Events with sign-up (issue 19, part 2): the list, a process's events and its calendar feed, one event and its
 * .ics file, signing up and cancelling, and what staff do (create, change, the registrations, attendance,
 * minutes, the meeting's ideas). The same contracts and service calls as the event pages' form actions; who may
 * do what is the events policy's (process managers, and administrators, who hold every role).
 */
export const eventRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Events'];
  const e = platform.events;

  api.get('/events', { schema: contractSchema(c.listEvents, { tags, path: [], method: 'GET' }) }, async (request, reply) => {
    const result = await e.listEvents(request.ctx.user, contractInput(c.listEvents, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.post('/events', { schema: contractSchema(c.createStandaloneEvent, { tags, path: [], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await e.createStandaloneEvent(user, contractInput(c.createStandaloneEvent, request));
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.get('/processes/:slug/events', { schema: contractSchema(c.processEvents, { tags, path: ['slug'], method: 'GET' }) }, async (request, reply) => {
    const result = await e.processEvents(request.ctx.user, contractInput(c.processEvents, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.post('/processes/:slug/events', { schema: contractSchema(c.createEvent, { tags, path: ['slug'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await e.createEvent(user, contractInput(c.createEvent, request));
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  // The feed is not JSON: the 200 answer is the iCalendar text.
  api.get('/processes/:slug/events.ics', { schema: contractSchema(c.processCalendar, { tags, path: ['slug'], method: 'GET' }) }, async (request, reply) => {
    const input = contractInput(c.processCalendar, request);
    const result = await e.processCalendar(request.ctx.user, input);
    if (!result.ok) return failure(request, reply, result);
    return reply.header('content-disposition', `inline; filename="${input.slug.replace(/[^a-z0-9-]/g, '')}.ics"`).type('text/calendar; charset=utf-8').send(result.value);
  });

  api.get('/events/:id', { schema: contractSchema(c.getEvent, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const result = await e.getEvent(request.ctx.user, contractInput(c.getEvent, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.put('/events/:id', { schema: contractSchema(c.updateEvent, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await e.updateEvent(user, contractInput(c.updateEvent, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.get('/events/:id/calendar.ics', { schema: contractSchema(c.calendar, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const result = await e.calendar(request.ctx.user, contractInput(c.calendar, request));
    if (!result.ok) return failure(request, reply, result);
    // Private: the file holds the meeting link for people signed up.
    return reply.header('content-disposition', 'attachment; filename="event.ics"').header('cache-control', 'private, no-store').type('text/calendar; charset=utf-8').send(result.value);
  });

  api.post('/events/:id/registration', { schema: contractSchema(c.register, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await e.register(user, contractInput(c.register, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.delete('/events/:id/registration', { schema: contractSchema(c.cancelRegistration, { tags, path: ['id'], method: 'DELETE' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await e.cancelRegistration(user, contractInput(c.cancelRegistration, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.get('/events/:id/registrations', { schema: contractSchema(c.registrations, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await e.registrations(user, contractInput(c.registrations, request));
    if (!result.ok) return failure(request, reply, result);
    return reply.header('cache-control', 'no-store').send(result.value);
  });

  api.put('/events/:id/attendance', { schema: contractSchema(c.markAttendance, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await e.markAttendance(user, contractInput(c.markAttendance, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.put('/events/:id/minutes', { schema: contractSchema(c.publishMinutes, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await e.publishMinutes(user, contractInput(c.publishMinutes, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  // Up to three documents, base64 in JSON (a third larger than the files).
  api.post('/events/:id/documents', { schema: contractSchema(c.addDocuments, { tags, path: ['id'], status: 201 }), bodyLimit: 3 * attachRequestBytes }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await e.addDocuments(user, contractInput(c.addDocuments, request));
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.post('/events/:id/ideas', { schema: contractSchema(c.addIdea, { tags, path: ['id'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await e.addIdea(user, contractInput(c.addIdea, request));
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });
};
