# 终端的简体中文用语。

## 目录本身
language-name = 中文(简体)
decimal-separator = .

## 角色
role-operator = 操作员
role-lead = 班组长
role-handler = 物料员
role-admin = 管理员
role-integration = 接口

## 登录
login-title = 登录
login-hint = 请扫描工牌，再输入PIN。
login-badge = 工牌
login-pin = PIN
login-demo-title = 演示工牌(语言)

## 状态栏
status-not-logged-in = 未登录
status-open-terminal = 开放终端
status-all-work-centers = 全部工作中心
status-no-work-center = 无工作中心
status-unknown-work-center = 配置中的工作中心 { $code } 不存在
status-idle-logout = 闲置后已退出
status-welcome = 欢迎，{ $name }(已登录)
status-key-unbound = '{ $key }' 在此无作用；? 列出按键

## 弹窗
help-title = 按键(Esc 关闭)
confirm-hint = Enter: 是   Esc: 否
close-hint = Enter: 关闭

## 拒绝：代码所指
thing-item = 物料
thing-location = 库位
thing-work-center = 工作中心
thing-order = 工单
thing-report = 报工
thing-exception = 待处理行
thing-lot = 批次
thing-consumer = 接收方
thing-badge = 工牌

## 拒绝：角色权限
action-report = 报工
action-reverse = 冲销报工
action-lead-approval = 修改已过账行或批准较大偏差
action-handle = 移库、盘点或重试待处理行
action-administer = 导入或初始化数据库
action-export-ack = 确认导出
action-backup = 备份数据库
action-unlock = 解锁工牌
action-issue = 手工发料
action-line-flag = 设置工单行的倒冲标记
action-cancel-exception = 取消待处理行
action-close = 关闭工单
action-reopen = 重新打开工单

## 拒绝
refused-not-found = 未找到{ $thing } { $code }
refused-no-line = { $owner } 没有行 { $key }
refused-forbidden = { $user }({ $role })不能{ $action }；需要角色 { $roles }
refused-needs-lead-override = { $user } 不能单独过账较大偏差：行 { $line }({ $item })与计划 { $planned } 相差超过 { $pct }%；需班组长批准
refused-needs-lead-expired = { $user } 不能单独发放过期批次：行 { $line }({ $item })指定批次 { $lots }；需班组长批准
refused-needs-lead-undo-window = { $user } 不能单独冲销报工：自己的报工只能在过账后 { $minutes } 分钟内冲销；报工 { $report } 已过 { $ago } 分钟；需班组长批准
refused-key-used = 此请求已用于另一请求；请重新开始
refused-failure = 无法执行：{ $detail }
refused-store = 数据库错误：{ $detail }
owner-report = 报工 { $id }
owner-order = 工单 { $order }
or = { $first }或{ $last }

## 登录时的拒绝
auth-unknown-badge = 工牌 { $badge } 不是已知用户
auth-no-user = 请先登录才能{ $action }
auth-pin-missing = 工牌 { $badge } 需要PIN
auth-wrong-pin = 工牌 { $badge } 的PIN错误；{ $attempts ->
    [0] 工牌现已锁定
   *[other] 还剩 { $attempts } 次
}
auth-locked = 工牌 { $badge } 因PIN错误次数过多已锁定至 { $until }
auth-busy = 工牌 { $badge } 正在别处校验；请稍后再试
auth-wrong-pin-locked = 工牌 { $badge } 的 PIN 错误；工牌已锁定至 { $until }
auth-not-a-lead = 工牌 { $badge }（{ $role }）不是班组长：需由班组长或管理员批准
auth-pin-unreadable = 无法读取工牌 { $badge } 的PIN

## 库存和报工的拒绝
refused-report-reversed = 报工 { $report } 已冲销
refused-manual-line = 报工 { $report } 的行 { $line } 为手工发料行；未在此发料
refused-not-on-hand = { $location } 需要 { $needed } { $item }，现有仅 { $on_hand }
refused-lots-uncovered = { $item } 在 { $location }：有效批次仅有 { $available }；请指定批次
refused-always-manual = 工单 { $order } 的行 { $line }({ $item })始终手工发料
refused-exception-not-open = 待处理行 { $id } 未打开
refused-order-closed = 工单 { $order } 已关闭：重新打开前不能过账
refused-open-exceptions = 工单 { $order } 有未结待处理行（{ $exceptions }）：请先过账或取消
refused-short-needs-reason = 工单 { $order } 未完成（合格 { $good } / { $qty }）：短缺关闭需要原因
refused-order-not-closed = 工单 { $order } 未关闭
refused-no-terminal = 终端需要屏幕
report-unknown-operation = 工单 { $order } 没有工序 { $operation }
report-not-count-point = 工单 { $order } 的工序 { $operation } 不是报工点；请在工序 { $count_point } 报工
report-bad-quantity = { $field } { $value }：{ $problem }
report-nothing = 合格和报废都为零；至少报一件
report-over-good = 工单 { $order } 的工序 { $operation } 合格将达 { $after }，超过上限 { $limit }
report-over-scrap = 工单 { $order } 的工序 { $operation } 报废将达 { $after }，超过工单数量 { $limit }
report-unknown-line = { $key } 不是工单 { $order } 工序 { $operation } 的物料行
report-ambiguous-key = 物料 { $key } 在行 { $lines }；请输入行号
report-manual-override = 行 { $line }({ $item })为手工发料行，不能修改
report-two-changes = 行 { $line } 被修改两次
report-skip-with-override = 行 { $line } 已跳过又被修改
report-bad-override = 行 { $line }：{ $detail }
report-blocked = 库存不足：{ $lines }
report-blocked-line = 行 { $line } { $item } 在 { $location } 缺 { $short }
report-too-large = 数字太大无法计算；请检查数量和物料清单
report-unknown-item = 未知物料 { $item }
report-unknown-work-center = 未知工作中心 { $work_center }

## 数量
qty-good = 合格
qty-scrap = 报废
qty-hand-issue = 手工发料
qty-override = 发料数量
qty-line-scrap = 行报废
qty-counted = 盘点数
qty-return = 退料
qty-substitute = 替代料
qty-adjustment = 调整
qty-transfer = 移库
qty-negative = 不能为负
qty-too-large = 太大(最多 { $max })
qty-too-precise = 单位允许 { $decimals } 位小数

## Refused values: which input
field-qty = 数量
field-count = 盘点数
field-lot = 批次
field-lots-of = { $item } 的批次
field-reason = 原因
field-reversal-reason = 冲销原因
field-substitute = 替代料
field-substitute-qty = 替代数量
field-return-qty = 退料数量
field-scrap-adjustment = 报废调整
field-correction = 更正
field-line = 行
field-item = 物料
field-order = 工单
field-location = 库位
field-transfer-to = 移入库位
field-transfer-qty = 移库数量

## Refused values: what is wrong
refused-invalid = { $field } { $value }：{ $why }
why-serial-count = { $item } 的序列号只能计 0 或 1
why-count-differs = 与账面 { $book } 相差 { $diff }，超过 { $limit }%：请选原因
why-untracked = { $item } 不按批次或序列号管理
why-lot-needed = { $item } 需追溯：请指定批次
why-not-one-of = 不在 { $codes } 之中
why-already-the-item = 已是行 { $line } 的物料
why-not-positive = 必须大于零
why-exceeds-issued = 超过行 { $line } 已发的 { $issued }
why-nothing-issued = 报工 { $report } 未发 { $item }
why-changes-nothing = 没有变化
why-out-of-range = 超出 { $min }–{ $max }
why-same-as-from = 与来源相同({ $from })
why-exceeds-scrap = 超过第 { $line } 行目前的报废 { $scrap }；未用物料请做退料
why-not-machine = 是 { $kind } 类库位，不是机台库位
why-not-lot-tracked = 不按批次管理：没有可追溯的批次
why-differs-in-case = 匹配 { $codes }：请按存储的写法输入
why-on-lines = 在 { $owner } 的行 { $lines }；请输入行号
why-non-stock = 不适用：{ $item } 非库存物料
why-holds-no-stock = 无库存
why-not-a-name = 必须是不含控制字符的名称
why-empty = 为空；请填写原因
why-matches = 匹配 { $orders }；请多输入几位

## Refused reversals and transfers
refused-already-reversed = 报工 { $report } 已冲销
refused-lot-gone = 报工 { $report } 无法冲销：{ $location } 的 { $item } 批次 { $lot } 只有 { $holds }，需要 { $wanted }
refused-transfer = 从 { $from } 移库 { $qty } { $item } 被拒：{ $why }
transfer-short = 该处仅有 { $on_hand }

## Refused lots
report-lot = 行 { $line }({ $item })：{ $why }
lot-untracked = 不按批次或序列号管理；无需批次
lot-manual-without-qty = 手工行只有在填写手工发料数量时才能指定批次
lot-not-at = 批次 { $lot } 不在 { $location }
lot-not-held = 批次 { $lot } 在 { $location } 有 { $holds }，不是 { $wanted }
lot-needs-lots = 需追溯：请指定批次或序列号
lot-bad-part = { $part } 不是 批次 或 批次:数量(数量大于0)
lot-too-many-decimals = 批次 { $lot }：数量 { $qty } 小数超过 { $decimals } 位
lot-qty-needed = 指定多个批次时，批次 { $lot } 需要数量(批次:数量)
lot-duplicate = 批次 { $lot } 重复
lot-serial-qty = 序列号 { $lot } 数量只能为 1，不是 { $qty }
lot-sum = 批次合计 { $total }，不是 { $expected }
lot-uncovered = 有效批次仅有 { $available }；请指定批次

## The views: titles, column headers, row words and the explanation (short forms: a
## column's header fits its width in every language)
col-order = 工单
col-work-center = 工作中心
col-item = 物料
col-description = 描述
col-qty = 数量
col-good = 合格
col-scrap = 报废
col-left = 剩余
col-due = 交期
col-status = 状态
col-can-build = 可生产
col-op = 工序
col-count-point = 报工点
col-materials = 物料数
col-line = 行
col-from = 库位
col-on-hand = 现有量
col-planned = 计划
col-issue = 发料
col-uom = 单位
col-id = 编号
col-when = 时间
col-user = 用户
col-state = 状态
col-issued = 已发料
col-posted-as = 过账为
col-substitute = 替代料
col-reason = 原因
col-loc = 库位
col-min-max = 最小–最大
col-need = 需求
col-bring = 补料
col-days = 天数
col-stock-of-max = 现有量/最大量
col-stock = 库存
col-orders = 工单数
col-deferred = 待处理于
col-short-now = 现缺
col-std = 标准
col-actual = 实际
col-pending = 待发
col-var = 差异
col-cost = 成本
col-location = 库位
col-backflushed = 倒冲
col-by-hand = 手工
col-count-adjusted = 盘点±
col-discrepancy = 差异率
col-accurate = 准确
col-waiting = 待料
col-flag = 标记
col-level = 层级
col-order-or-location = 工单/库位
col-lot = 批次
orders-title = 工单({ $count })
orders-scan-hint = 扫描或输入工单号(或末几位)，按 Enter · F1 按键
orders-typed = 工单：
orders-typed-hint = Enter 打开 · Esc 清除
orders-no-match = 本看板没有匹配的工单；按 Enter 在所有工作中心查找。
orders-no-plant = 存储中还没有工厂数据。用 `backflush import DIR` 导入(见 README)，或试试 `backflush demo`。
orders-none = 这里没有已下达的工单。F2 显示所有工作中心。
order-open = 未开始
order-started = 进行中
order-done = 已完成
order-waiting = { $count } 待料
order-title = { $order } · { $item } { $description } · 数量 { $qty }
op-count-point = ● 报工点
op-flushed-at = ○ 在 { $operation } 倒冲
report-at-op = 在工序 { $operation } 报工
report-at-work-center = 在 { $work_center }
report-reported-here = 本工序已报 { $done } / { $qty }
report-totals-stale = 合格和报废有效后再显示合计。
report-needs-lead = 第 { $line } 行 { $item }{ $also } 需要班组长：{ $why }。过账时由班组长签核。
report-needs-lead-also = (另有 { $count } 行)
report-needs-lead-pct = 与计划 { $planned } 相差超过 { $pct }%
report-keeps-override = { $count } 行保留你输入的数量(标 *)，不随合格和报废变化；r 恢复该行
report-no-receipt = 无入库
plan-ahead-of-count-point = 工序 { $operation } 达到 { $units } 件，超前于报工点 { $count_point } 的 { $at }
line-issue = 发料
line-deferred = 待处理
line-short = 缺料
line-manual = 手工
line-skipped = 跳过
line-needs-lead = 需班组长
line-by-hand = 手工发料
explain-per-unit-converted = 第 { $line } 行 { $item }：{ $converted } → 目标({ $units }) = { $target } { $uom }({ $decimals } 位小数)；之前报工已计划 { $prior } → 计划 { $planned }
explain-per-unit = 第 { $line } 行 { $item }：每 { $base } 件 { $qty }，报废 { $pct }% → 目标({ $units }) = { $target }({ $decimals } 位小数)；之前报工已计划 { $prior } → 计划 { $planned }
explain-phantom = (单位 { $uom }，沿虚拟件路径换算)
explain-per-order-converted = 第 { $line } 行 { $item }：每工单 { $converted } → { $target } { $uom }；{ $carried }
explain-per-order = 第 { $line } 行 { $item }：每工单 { $qty }，报废 { $pct }% → { $target }；{ $carried }
explain-carries = 这是首次报工，由它承担
explain-carried = 之前的报工已承担
explain-manual = 手工行：{ $why }。a：手工发计划量 { $qty } { $uom }{ $then }；e：其他数量。
explain-then-lots = ，再扫描批次
explain-then-serials = ，再扫描序列号
explain-by-hand-non-stock = 已手工发料：{ $qty } { $uom }(非库存：按标准成本记录，无库位)。
explain-by-hand = 已手工发料：{ $qty } { $uom }，来自 { $location }{ $lots }。
explain-issues-from = 从 { $location } 发料({ $source })，现有 { $on_hand }{ $short }{ $lots }。
explain-short-by = ，缺 { $short }
explain-lots-uncovered = 那里的有效批次不够
explain-choose-lots = o：选择批次
explain-choose-serials = o：选择序列号
explain-unknown-lot = (未知)
explain-lots = 批次 { $lots }
explain-serials = 序列号 { $lots }
explain-fefo = FEFO：先到期先出
explain-fifo = FIFO：先进先出
explain-named = 已指定
explain-expired-skipped = 已跳过过期 { $lots }
manual-order-line = 班组长把工单行设为手工
manual-bom-line = BOM 行不倒冲
manual-item = 该物料默认不倒冲
manual-work-center = 其工作中心不倒冲
manual-non-stock = 该物料为非库存
manual-lot-selection = 该物料按批次管理且 lot_selection 为 manual
manual-serial = 该物料按序列号管理
source-bom = BOM 行的供料库位
source-work-center = 工作中心 { $work_center } 的机台库位
source-override = 手工指定
history-title = 报工记录，最新在前({ $count })
report-posted = 已过账
report-reversed = 已冲销
detail-title = 报工 { $id } · { $order } 工序 { $operation } · 合格 { $good } 报废 { $scrap }
detail-approved = 批准人 { $approver }
staging-title = { $work_center } 备料({ $count } 项)
staging-title-every = 所有机台库位({ $count } 项)
exceptions-title = { $place } 的待处理行({ $count })
exceptions-every-location = 所有库位
exceptions-none = 这里没有等待库存的行。
exceptions-fits = 够了
variance-material-cost = 材料成本：{ $cost }
variance-lines-title = 物料行：按已报数量的标准
health-title = 机台库位健康，近 { $days } 天：{ $count } 项中 { $flagged } 项有标记
flag-negative = 负库存
flag-discrepancy = 差异
flag-waiting = 待料
flag-ok = 正常
trace-title = 追溯：{ $item } { $lot }
trace-untracked = (无批次)
trace-unknown-lot = (未知批次)
trace-on-hand = 现有
trace-on-hand-none = 现有：无(已消耗或已发运)
trace-made-from = 来源：生产它的工单所消耗的组件批次
trace-made-from-none = 来源：没有追溯的组件批次
trace-went-into = 去向：消耗它的工单所生产的
trace-went-into-none = 去向：尚未用于生产
prompt-title = 输入数值
prompt-apply-cancel = Enter：应用   Esc：取消
prompt-apply-back = Enter：应用   Esc：返回
pick-none = 列表中没有匹配项；Enter 采用所输入的
pick-more = … 共 { $count } 项；继续输入以缩小范围
report-short-title = { $order } · { $item } · 数量 { $qty }
