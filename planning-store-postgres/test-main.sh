#!/usr/bin/env bash
# Runs a main class of planning-store-postgres's test sources (the local servers, benchmark B6)
# with the module's test class path, built offline through the reactor (nothing is installed).
#   planning-store-postgres/test-main.sh CLASS [JVM options...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
main="$1"; shift
cp_file="$root/planning-store-postgres/target/test-main.classpath"
status=0
mvn -B -ntp -q -o -Dstyle.color=never -pl planning-store-postgres -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test -DskipTests >&2 || status=$?
if [ "$status" -ne 0 ]; then
  echo "test-main.sh: building planning-store-postgres's test classes and class path failed (mvn exit $status);" \
    "if Maven says an artifact 'has not been downloaded from it before', run the same mvn command once without -o" >&2
  exit "$status"
fi
echo "test-main.sh: built; running $main" >&2
cp="$root/planning-store-postgres/target/test-classes:$root/planning-store-postgres/target/classes:$(cat "$cp_file")"
exec java "$@" -cp "$cp" "dev.planning.store.postgres.$main"
