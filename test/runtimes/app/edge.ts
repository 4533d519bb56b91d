import { fetchHandler } from './app.js';

// edge-runtime (Vercel's Edge runtime emulator) runs a script with the service-worker API.
interface FetchEvent extends Event {
  request: Request;
  respondWith(response: Promise<Response>): void;
  waitUntil(promise: Promise<unknown>): void;
}
addEventListener('fetch', (event) => {
  const fetchEvent = event as FetchEvent;
  fetchEvent.respondWith(fetchHandler(fetchEvent.request, (promise) => fetchEvent.waitUntil(promise)));
});
