#!/usr/bin/env bash
# The layer rules of docs/architecture.md that a grep can check. Exits non-zero on the first kind of
# breach, listing every place of it.
set -uo pipefail
cd "$(dirname "$0")/.."

failed=0
breach() {
  local rule=$1 found=$2
  if [ -n "$found" ]; then
    printf '%s:\n%s\n\n' "$rule" "$found" >&2
    failed=1
  fi
}

ts_files() { find "$@" -name '*.ts' -not -path 'src/generated/*' 2>/dev/null; }
# Import lines with their file and line number: one-line imports, and the last line of multi-line ones.
imports_of() { grep -Hn -E "^(import|export) .* from '[^']+';$|^\} from '[^']+';$" $(ts_files "$@") 2>/dev/null; }

breach "the database is reached only from src/db (getConnection, knex, COPY)" \
  "$(grep -nE "getConnection\(|getKnex\(|\bknex\b|pg-copy-streams|copyFrom" $(ts_files src) | grep -v '^src/db/')"

breach "src/schema opens no transaction and holds no SQL" \
  "$(grep -niE "transactional\(|\.begin\(|\.commit\(|\.execute\(|raw\(|'(select|insert into|update [a-z_]+ set|delete from) |\`(select|insert into|update [a-z_]+ set|delete from) " $(ts_files src/schema))"

# A file of src/domain imports only ./x; one of a subfolder (src/domain/actions) also ../x; no package.
breach "src/domain imports nothing outside itself" \
  "$(imports_of src/domain | grep -E "from '[^.]|from '\.\./\.\./|^src/domain/[^/]+\.ts:[0-9]+:.*from '\.\./")"

breach "src/db imports only the domain and itself" \
  "$(imports_of src/db | grep -E "from '\.\.?/(\.\./)*(commands|runs|schema|server|streaming)/")"

breach "src/commands import neither the API, the jobs nor the streams" \
  "$(imports_of src/commands | grep -E "from '(\.\./)+(schema|runs|server|streaming)/|from 'graphql|from '@pothos")"

breach "src/runs imports neither the API nor the streams" \
  "$(imports_of src/runs | grep -E "from '(\.\./)+(schema|server|streaming)/")"

breach "src/streaming imports neither the API, the commands nor the jobs" \
  "$(imports_of src/streaming | grep -E "from '(\.\./)+(schema|server|commands|runs)/")"

breach "src/generated (the typed client operations) is imported by tests and the console, never by the server" \
  "$(imports_of src | grep -v '^src/console/' | grep -E "from '(\.\./)+generated/|from '\./generated/")"

# The console is a browser client: it reaches the server through the API alone.
breach "src/console imports only itself, the typed operations and browser packages" \
  "$(imports_of src/console | grep -E "from '\.\./" | grep -v "from '\.\./generated/")"

breach "src/demo imports neither the API, the jobs nor the streams" \
  "$(imports_of src/demo | grep -E "from '(\.\./)+(schema|runs|server|streaming)/")"

breach "no hand-written source file is over 400 lines" \
  "$(wc -l $(ts_files src test bench) | grep -v ' total$' | awk '$1 > 400 { print $2 ": " $1 " lines" }')"

if [ "$failed" -ne 0 ]; then
  echo "layer check failed: see docs/architecture.md" >&2
  exit 1
fi
echo "layer check passed"
