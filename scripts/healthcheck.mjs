// The image's HEALTHCHECK: exits 0 when the URL answers 2xx within 3 s. Without an argument it asks
// the API's readiness on this container's PORT.
const url = process.argv[2] ?? `http://127.0.0.1:${process.env.PORT || 3000}/health/ready`;
fetch(url, { signal: AbortSignal.timeout(3000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
