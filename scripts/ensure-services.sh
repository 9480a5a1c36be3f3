#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) are running for the
# tests, installing them with apt-get when absent, and that pdftotext (poppler-utils), which a
# test reads PDFs with, is installed. Does nothing when all of them are already there.
# Runs unattended (CI): no prompts, sudo only if it needs no password.
set -euo pipefail

PG_PORT=5432
REDIS_PORT=6379

log() { echo "[services] $*"; }
fail() {
  echo "[services] $*" >&2
  exit 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    fail "need root to run: $* (run it yourself, or start PostgreSQL and Redis another way)"
  fi
}

apt_updated=no
apt_install() {
  command -v apt-get >/dev/null 2>&1 ||
    fail "$* is not installed and there is no apt-get here; install it yourself"
  log "installing $* with apt-get"
  if [ "$apt_updated" = no ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=yes
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# wait_for NAME COMMAND...: polls COMMAND for up to 30 seconds.
wait_for() {
  local name=$1
  shift
  for _ in $(seq 1 60); do
    if "$@"; then
      log "$name is ready"
      return 0
    fi
    sleep 0.5
  done
  fail "$name did not become ready within 30 seconds"
}

postgres_ready() { pg_isready -h 127.0.0.1 -p "$PG_PORT" -q 2>/dev/null; }
redis_ready() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

# The newest installed cluster version, from Debian's /etc/postgresql/<version>/<cluster>.
postgres_version() { ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1; }

# A freshly installed Debian cluster asks for passwords on TCP; the tests connect as
# `postgres` without one (TEST_DATABASE_URL), so trust loopback connections, as on the
# development machines. Only ever done to a cluster this script has just installed.
trust_loopback() {
  local hba="/etc/postgresql/$1/main/pg_hba.conf"
  log "allowing password-less loopback connections in $hba"
  as_root sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
}

ensure_postgres() {
  if command -v pg_isready >/dev/null 2>&1 && postgres_ready; then
    log "PostgreSQL is running on port $PG_PORT"
    return
  fi
  local installed_now=no
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(postgres_version)" ]; then
    apt_install postgresql
    installed_now=yes
  fi
  local version
  version=$(postgres_version)
  [ -n "$version" ] || fail "no PostgreSQL cluster found in /etc/postgresql"
  [ "$installed_now" = no ] || trust_loopback "$version"
  if as_root pg_ctlcluster "$version" main status >/dev/null 2>&1; then
    # Running (the package started it) but not answering on $PG_PORT yet, or with the
    # pg_hba.conf from before trust_loopback: reload picks the change up.
    log "reloading PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  else
    log "starting PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
  fi
  wait_for PostgreSQL postgres_ready
}

ensure_redis() {
  if command -v redis-cli >/dev/null 2>&1 && redis_ready; then
    log "Redis is running on port $REDIS_PORT"
    return
  fi
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  log "starting Redis"
  # Throwaway test instance: no persistence.
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no
  wait_for Redis redis_ready
}

# test/sdk-package.e2e-spec.ts and the reports' tests read PDFs with poppler (pdftotext,
# pdfinfo, pdffonts).
ensure_pdftotext() {
  command -v pdftotext >/dev/null 2>&1 || apt_install poppler-utils
  # The report renderers' tests read a workbook's styles straight from its XML.
  command -v unzip >/dev/null 2>&1 || apt_install unzip
}

ensure_postgres
ensure_redis
ensure_pdftotext
