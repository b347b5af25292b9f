# mockpanel as a container: all four panels on port 7777, admin API under /_admin.
#   docker build -t mockpanel .
#   docker run --rm -p 7777:7777 mockpanel --admin-token secret
# Arguments after the image name replace CMD and go to `mockpanel serve` (e.g. --seed, --data-dir, panel ports).
# Without --admin-token the admin API answers loopback callers only, i.e. only the health check inside the container.
# test/package/packed-install.test.ts runs this file's install RUN, ENTRYPOINT + CMD and HEALTHCHECK commands
# against the packed tarball on every change (MOCKPANEL_PACKAGE points at it there); the image itself is built
# only where a container engine exists.
FROM node:20-slim

# better-sqlite3 compiles from source when no prebuilt binary can be downloaded for the platform.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/mockpanel
ARG MOCKPANEL_PACKAGE=mockpanel
RUN npm init -y >/dev/null && npm install --omit=dev --no-audit --no-fund "$MOCKPANEL_PACKAGE"

EXPOSE 7777
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:7777/_admin/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node_modules/.bin/mockpanel", "serve", "--host", "0.0.0.0"]
CMD ["--port", "7777"]
