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

## The report screen at the machine: lots named for a line, on hand apart from expired lots
report-line-lots = { $count } 批
report-line-serials = { $count } 个序列号
footer-more = 更多
report-expired-apart = (+{ $qty } 已过期)
choice-lot-expired = {" "}· 已过期
