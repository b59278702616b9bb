#!/bin/sh
# Screenshots of every screen at desktop (1280x800) and tablet-portrait (800x1280) size, rendered
# by the real app under Xvfb. Usage: scripts/screenshots.sh [BUILD_DIR] [OUT_DIR]
# The demo town is built fresh in OUT_DIR, so the pictures never depend on the user's data.
# When the browser build is there (build-web/site, or JICENG_WEB_SITE), the same screens of it in
# headless chromium go beside them as web-<view>-<size>.png (tests/web/shots.mjs).
set -eu
BUILD=${1:-build}
OUT=${2:-screenshots}
APP="$BUILD/bin/jiceng"
if [ ! -x "$APP" ]; then echo "no $APP: build the target 'jiceng' first" >&2; exit 1; fi
if ! command -v xvfb-run >/dev/null 2>&1; then echo "xvfb-run is missing: apt-get install xvfb" >&2; exit 1; fi
mkdir -p "$OUT" "$OUT/usb"
rm -f "$OUT"/usb/*.json
DB="$OUT/demo.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
export XDG_DATA_HOME="$OUT/data" XDG_CONFIG_HOME="$OUT/config"
shot() {  # NAME VIEW SIZE [--input STEP ...]
  name=$1 view=$2 size=$3
  shift 3
  xvfb-run -a -s "-screen 0 ${size}x24" "$APP" --db "$DB" --view "$view" --size "$size" \
    --screenshot "$OUT/$name-$size.png" "$@"
  echo "$OUT/$name-$size.png"
}
signin() {  # the --input steps that sign LOGIN in with PIN (the top bar's 登录, then its popup)
  echo "--input click:signin.open --input click:signin.login --input type:$1 --input click:signin.pin --input type:$2 --input click:signin.submit"
}
usb() {  # the --input steps that point 数据交换 at OUT/usb (a stand-in for a USB stick)
  echo "--input click:exchange.folder --input type:$OUT/usb --input click:exchange.title"
}
# A member file for 导入's preview: two new people, one changed nobody, one talk before the application.
printf '\357\273\277姓名,性别,出生日期,所在支部,发展阶段,申请入党日期,谈话日期\n' > "$OUT/members.csv"
printf '林序,女,1996-04-02,V01-1,入党申请人,2024-03-01,2024-03-12\n' >> "$OUT/members.csv"
printf '周青,男,1994-08-19,V01-1,入党申请人,2024-05-06,2024-05-20\n' >> "$OUT/members.csv"
printf '吴越,男,1993-01-15,V01-1,入党申请人,2024-03-01,2023-01-01\n' >> "$OUT/members.csv"
# The same two people imported once (jiceng-cli), then a file where one moved on and one is new:
# the preview of a second import (未变, 修改 with the fields, 新增).
head -3 "$OUT/members.csv" > "$OUT/members-first.csv"
printf '\357\273\277姓名,性别,出生日期,所在支部,发展阶段,申请入党日期,谈话日期,确定积极分子日期\n' > "$OUT/members-again.csv"
printf '林序,女,1996-04-02,V01-1,入党申请人,2024-03-01,2024-03-12,\n' >> "$OUT/members-again.csv"
printf '周青,男,1994-08-19,V01-1,入党积极分子,2024-05-06,2024-05-20,2024-12-01\n' >> "$OUT/members-again.csv"
printf '郑雨,女,1998-10-09,V01-1,入党申请人,2024-09-01,2024-09-15,\n' >> "$OUT/members-again.csv"
for size in 1280x800 800x1280; do
  for view in collect dashboard summary records conflicts settings; do
    shot "$view" "$view" "$size"
  done
  # The top bar's sign-in popup, with the login typed (signed out, every screen above shows
  # 「未登录」 and 登录 in the top bar).
  shot signin-popup dashboard "$size" --input click:signin.open --input click:signin.login --input type:clerk
  # 数据交换: the folder set, then the clerk's export of 青石村 and 桃源村 (the file then lists for
  # import), then the admin's view of the folder and the history.
  # shellcheck disable=SC2046
  shot exchange exchange "$size" $(usb)
  # shellcheck disable=SC2046
  shot exchange-clerk exchange "$size" $(signin clerk 3456) $(usb) --input click:exchange.export.run
  # shellcheck disable=SC2046
  shot exchange-admin exchange "$size" $(signin admin 246810) $(usb)
  # Signed in: the clerk's form for 桃源村 (a draft), the admin's roster and one member's pipeline,
  # the dashboard drilled into one figure.
  # shellcheck disable=SC2046
  shot collect-clerk collect "$size" $(signin clerk 3456) --input click:collect.org --input click:collect.org.V03
  # An implausible figure (docs/COLLECT.md): 50 typed into 青石村's December 收缴党费 (万元) and Enter;
  # the warning beside the field with 确认无误 / 修改. Nothing is written, so later pictures are as before.
  case $size in 1280x800) wheel=-6 ;; *) wheel=-4 ;; esac
  # shellcheck disable=SC2046
  shot collect-plausible collect "$size" $(signin clerk 3456) --input click:collect.org --input click:collect.org.V01 \
    --input click:collect.period --input click:collect.period.12 --input wheel:$wheel \
    --input click:collect.field.dues --input type:50 --input key:enter
  # shellcheck disable=SC2046
  shot records-roster records "$size" $(signin admin 246810) --input click:records.tab.members
  # shellcheck disable=SC2046
  shot records-member records "$size" $(signin admin 246810) --input click:records.tab.members --input click:roster.row.3
  # The new-member form as it opens (no warning yet, 保存 in view), then with a talk 14 months before
  # the application (an error beside the date, 保存 disabled saying why); the member CSV's preview.
  # shellcheck disable=SC2046
  shot records-member-new records "$size" $(signin admin 246810) --input click:records.tab.members \
    --input click:records.member.add
  # shellcheck disable=SC2046
  shot records-member-order records "$size" $(signin admin 246810) --input click:records.tab.members \
    --input click:records.member.add --input click:records.member.name --input type:林序 \
    --input click:records.member.date.applied_on --input type:2020-03-01 \
    --input click:records.member.date.talked_on --input type:2019-01-01
  # shellcheck disable=SC2046
  shot records-import records "$size" $(signin admin 246810) --input click:records.tab.import \
    --input click:records.import.path --input type:"$OUT/members.csv" --input click:records.import.members
  # (on a copy of the town, so that the other pictures do not change)
  TOWN_DB=$DB DB="$OUT/again-$size.db"
  rm -f "$DB" "$DB-wal" "$DB-shm"
  "$BUILD/bin/jiceng-cli" demo "$DB" >/dev/null
  JICENG_PIN=246810 "$BUILD/bin/jiceng-cli" members import "$DB" "$OUT/members-first.csv" --user admin >/dev/null
  # shellcheck disable=SC2046
  shot records-import-again records "$size" $(signin admin 246810) --input click:records.tab.import \
    --input click:records.import.path --input type:"$OUT/members-again.csv" --input click:records.import.members
  DB=$TOWN_DB
  shot dashboard-indicator dashboard "$size" --input click:dashboard.figure.new_members
  # Accounts (docs/USERS.md): 设置 → 用户 as the admin with the clerk's form open, read-only as the
  # clerk; a new blank town's 创建管理员 step (with a refused PIN), in a data folder of its own.
  # shellcheck disable=SC2046
  shot settings-users settings "$size" --input click:settings.tab.users $(signin admin 246810) \
    --input click:settings.tab.users --input click:users.edit.clerk
  # shellcheck disable=SC2046
  shot settings-users-clerk settings "$size" --input click:settings.tab.users $(signin clerk 3456)
  # 设置 → 关于 as the admin: versions, font, database, device names (docs/USERS.md).
  # shellcheck disable=SC2046
  shot settings-about settings "$size" --input click:settings.tab.users $(signin admin 246810) \
    --input click:settings.tab.about
  rm -rf "$OUT/blank-$size"
  (XDG_DATA_HOME="$OUT/blank-$size" XDG_CONFIG_HOME="$OUT/blank-$size"; export XDG_DATA_HOME XDG_CONFIG_HOME
   shot setup-admin dashboard "$size" --input click:town.combo --input click:town.new --input type:青山镇 \
     --input click:town.create --input click:setup.name --input type:周敏 --input click:setup.login \
     --input type:zhoumin --input click:setup.pin --input type:258036 --input click:setup.pin2 --input type:258036 \
     --input click:setup.create)
done

# The browser build (the tablet version): every screen at both sizes, on a fresh profile (the demo
# town of a first start), and the clerk's form signed in.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SITE=${JICENG_WEB_SITE:-$ROOT/build-web/site}
if [ -f "$SITE/index.html" ]; then
  if [ ! -x "${JICENG_CHROMIUM:-/usr/bin/chromium}" ] || ! command -v node >/dev/null 2>&1; then
    echo "browser screenshots skipped: chromium or node is missing (apt-get install chromium nodejs)" >&2
  elif ! MODULES=$(bash "$ROOT/tests/web/deps.sh"); then
    echo "browser screenshots skipped: puppeteer-core could not be installed (tests/web/deps.sh)" >&2
  else
    JICENG_WEB_NODE_MODULES=$MODULES node "$ROOT/tests/web/shots.mjs" "$SITE" "$OUT"
  fi
else
  echo "browser screenshots skipped: no $SITE (bash scripts/web.sh builds it)" >&2
fi
