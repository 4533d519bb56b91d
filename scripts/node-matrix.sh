#!/usr/bin/env bash
# Runs the test projects under other Node majors (default 22 and 24) with `npx -p node@<major>`,
# on the packages built by the current Node (`pnpm build` first, as `pnpm test` does).
#   scripts/node-matrix.sh                        # node 22 and 24, every test project (`vitest run`)
#   NODE_MAJORS="24" PROJECTS="core contract reliability" scripts/node-matrix.sh
# Prints one line per Node major with the result and the time it took; exits non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."

majors=${NODE_MAJORS:-"22 24"}
projects=${PROJECTS:-}
args=()
for p in $projects; do args+=(--project "$p"); done

# The type tests (`*.test-d.ts`) ran in `pnpm test` already; tsc says the same under any Node.
export DOUYIN_SKIP_TYPE_TESTS=1

status=0
summary=()
for major in $majors; do
  echo "=== node ${major}: vitest run ${args[*]}"
  start=$(date +%s)
  # `--` keeps npx from reading vitest's flags; the node binary comes from the node@<major> package.
  if npx -y -p "node@${major}" -- node -e 'console.log("node " + process.version)' &&
     npx -y -p "node@${major}" -- node node_modules/vitest/vitest.mjs run "${args[@]}"; then
    result=pass
  else
    result=FAIL
    status=1
  fi
  summary+=("node ${major}: ${result} in $(( $(date +%s) - start )) s (${projects:-all projects})")
done
printf '%s\n' "${summary[@]}"
exit $status
