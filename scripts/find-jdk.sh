# Sourced by ./threatledger and .ci/run: find_jdk prints the home of the newest JDK >= 21
# (JAVA_HOME first when it qualifies), or nothing.

major_of() { # major Java version of a JDK directory, from its release file (fast) or by asking it
  local dir=$1 v=""
  if [ -f "$dir/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$dir/release")
  fi
  if [ -z "$v" ] && [ -x "$dir/bin/java" ]; then
    v=$("$dir/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = \([0-9]*\).*/\1/p')
  fi
  echo "${v:-0}"
}

find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(major_of "$JAVA_HOME")" -ge 21 ]; then
    echo "$JAVA_HOME"; return 0
  fi
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
           /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ] || continue
    v=$(major_of "$d")
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best=$d; best_v=$v; fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    d=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    [ "$(major_of "$d")" -ge 21 ] && best=$d
  fi
  [ -n "$best" ] && echo "$best"
}
