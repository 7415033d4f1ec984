# Sourced by run.sh and soak.sh: signs in at $base as the first demo account of $dir/demo-sign-ins.txt (password, then
# the code `./liaison demo totp` gives; export LIAISON_POSTGRES for a PostgreSQL demo) and sets
# $cookie (the session cookie, good on every instance of the database) and $case_id (a booking on the board or queue).
sign_in() {
  local user password jar token
  read -r user password _ < <(head -1 "$dir/demo-sign-ins.txt")
  jar=$(mktemp)
  token=$(curl -s -c "$jar" "$base/account/sign-in" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "UserName=$user" --data-urlencode "Password=$password" --data-urlencode "__RequestVerificationToken=$token" "$base/account/sign-in"
  # The second factor: the code the demo account's authenticator would show (LIAISON_POSTGRES names a PostgreSQL demo).
  local code
  code=$(dotnet "$(dirname "${BASH_SOURCE[0]}")/../../src/Liaison.Cli/bin/Release/net10.0/liaison.dll" demo totp "$user" --data-dir "$dir")
  token=$(curl -s -b "$jar" -c "$jar" "$base/account/code" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Code=$code" --data-urlencode "__RequestVerificationToken=$token" "$base/account/code"
  cookie=$(awk '$6 == "liaison" { print "liaison=" $7 }' "$jar")
  rm -f "$jar"
  [ -n "$cookie" ] || { echo "sign-in failed" >&2; return 1; }
  case_id=$(curl -s -H "Cookie: $cookie" "$base/board" | grep -o 'href="/cases/[^"]*"' | sed -n '1{s|href="/cases/||;s|"||;p}' || true)
  [ -n "$case_id" ] || case_id=$(curl -s -H "Cookie: $cookie" "$base/queue" | grep -o 'href="/cases/[^"]*"' | sed -n '1{s|href="/cases/||;s|"||;p}' || true)
}
