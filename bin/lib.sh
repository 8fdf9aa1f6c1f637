# Shared by bin/dev and bin/test: find a JDK 21+ and the real servers the suite needs.
# Sourced, not run.

# Sets JAVA_HOME and PATH to a JDK 21 or newer, or explains what to install and exits.
hongyan_find_java() {
  local candidate version
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
      /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ -n "$version" ] && [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      # Maven 3.9 still uses sun.misc.Unsafe; JDK 24+ warns about it on every run unless told.
      [ "${version%%.*}" -ge 24 ] && export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
      return 0
    fi
  done
  echo "Hongyan needs a JDK 21 or newer (java and javac); none was found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
  echo "Install one (for example: sudo apt-get install openjdk-21-jdk, or Temurin 21/25) or set JAVA_HOME to it." >&2
  exit 1
}

# Finds a server binary on PATH or in the usual sbin directories; prints its path.
hongyan_find_binary() {
  local name=$1 dir
  command -v "$name" 2>/dev/null && return 0
  for dir in /usr/sbin /usr/local/sbin /usr/bin /usr/local/bin; do
    [ -x "$dir/$name" ] && { echo "$dir/$name"; return 0; }
  done
  return 1
}

# Makes sure redis-server and nats-server are installed: installs them with apt-get when this
# machine can (root or passwordless sudo on Debian/Ubuntu), otherwise says exactly what to run.
hongyan_require_servers() {
  local missing=()
  hongyan_find_binary redis-server >/dev/null || missing+=(redis-server)
  hongyan_find_binary nats-server >/dev/null || missing+=(nats-server)
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo -n"
  if command -v apt-get >/dev/null && { [ -z "$sudo" ] || sudo -n true 2>/dev/null; }; then
    echo "Installing ${missing[*]} with apt-get..." >&2
    $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2 && return 0
  fi
  echo "Hongyan's tests and local run need real ${missing[*]}. Install them, for example:" >&2
  echo "  Debian/Ubuntu: sudo apt-get install ${missing[*]}" >&2
  echo "  macOS:         brew install redis nats-server" >&2
  exit 1
}
