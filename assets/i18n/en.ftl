# The terminal's words in English. Every message here must be in every catalog beside it,
# using no variable the English message does not give.

## The catalog itself
language-name = English
# How a decimal number is written and typed: 1.5
decimal-separator = .

## Roles
role-operator = operator
role-lead = lead
role-handler = handler
role-admin = admin
role-integration = integration

## Login
login-title = Log in
login-hint = Scan your badge, then type your PIN.
login-badge = Badge
login-pin = PIN
login-demo-title = Demo badges (language)

## Status line
status-not-logged-in = not logged in
status-open-terminal = open terminal
status-all-work-centers = all work centers
status-no-work-center = no work center
status-unknown-work-center = work center { $code } of the config does not exist
status-idle-logout = logged out after being idle
status-welcome = welcome, { $name } (logged in)
status-key-unbound = '{ $key }' does nothing here; ? lists the keys

## Overlays
help-title = Keys (Esc closes)
confirm-hint = Enter: yes   Esc: no
close-hint = Enter: close

## Refusals: the things a code names
thing-item = item
thing-location = location
thing-work-center = work center
thing-order = order
thing-report = report
thing-exception = deferred line
thing-lot = lot
thing-consumer = consumer
thing-badge = badge

## Refusals: what a role may do
action-report = report production
action-reverse = reverse a report
action-lead-approval = adjust a posted report line or approve a larger override
action-handle = move stock, count it or retry deferred lines
action-administer = import or initialise the store
action-export-ack = acknowledge an export
action-backup = back up the store
action-unlock = unlock a badge
action-issue = issue material by hand
action-line-flag = set an order line's backflush flag
action-cancel-exception = cancel a deferred line
action-close = close an order
action-reopen = reopen an order

## Refusals
refused-not-found = { $thing } { $code } not found
refused-no-line = { $owner } has no line { $key }
refused-forbidden = { $user } ({ $role }) may not { $action }; it needs the role { $roles }
refused-needs-lead-override = { $user } may not post a larger override alone: line { $line } ({ $item }) differs from planned { $planned } by more than { $pct }%; a lead must approve
refused-needs-lead-expired = { $user } may not issue an expired lot alone: line { $line } ({ $item }) names expired lot { $lots }; a lead must approve
refused-needs-lead-undo-window = { $user } may not reverse a report alone: your own reports can be reversed for { $minutes ->
        [one] 1 minute
       *[other] { $minutes } minutes
    } after posting; report { $report } was posted { $ago ->
        [one] 1 minute
       *[other] { $ago } minutes
    } ago; a lead must approve with badge and PIN
refused-key-used = this request was already used for another one; start it again
# The command line's own sentence (English already), for a failure not worded here.
refused-failure = { $detail }
refused-store = store error: { $detail }
owner-report = report { $id }
owner-order = order { $order }
or = { $first } or { $last }

## Refusals at login
auth-unknown-badge = badge { $badge } is not a known user
auth-no-user = log in first to { $action }
auth-pin-missing = badge { $badge } needs its PIN
auth-wrong-pin = wrong PIN for badge { $badge }; { $attempts ->
    [0] the badge is now locked
    [one] { $attempts } attempt left
   *[other] { $attempts } attempts left
}
auth-locked = badge { $badge } is locked after too many wrong PINs until { $until }
auth-busy = badge { $badge } is being checked elsewhere; try again in a moment
auth-wrong-pin-locked = wrong PIN for badge { $badge }; the badge is now locked until { $until }
auth-not-a-lead = badge { $badge } ({ $role }) is not a lead: a lead or admin approves
auth-pin-unreadable = cannot read the PIN for badge { $badge }

## Refusals of stock and reports
refused-report-reversed = report { $report } is reversed
refused-manual-line = line { $line } of report { $report } is a manual-issue line; it was not issued here
refused-not-on-hand = { $needed } { $item } needed at { $location }, only { $on_hand } on hand
refused-lots-uncovered = { $item } at { $location }: the unexpired lots hold only { $available }; name the lots
refused-always-manual = line { $line } ({ $item }) of order { $order } is always issued by hand
refused-exception-not-open = deferred line { $id } is not open
refused-order-closed = order { $order } is closed: it takes no postings until it is reopened
refused-open-exceptions = order { $order } has open deferred lines ({ $exceptions }): post or cancel them first
refused-short-needs-reason = order { $order } is short ({ $good } of { $qty } good): closing it short needs a reason
refused-order-not-closed = order { $order } is not closed
refused-no-terminal = the terminal needs a screen
report-unknown-operation = order { $order } has no operation { $operation }
report-not-count-point = operation { $operation } of order { $order } is not a count point; report at operation { $count_point }
report-bad-quantity = { $field } { $value }: { $problem }
report-nothing = good and scrap are both zero; report at least one unit
report-over-good = operation { $operation } of order { $order } would reach { $after } good, over the limit of { $limit }
report-over-scrap = operation { $operation } of order { $order } would reach { $after } scrap, over the order quantity { $limit }
report-unknown-line = { $key } is no material line of operation { $operation } of order { $order }
report-ambiguous-key = item { $key } is on lines { $lines }; give the line number
report-manual-override = line { $line } ({ $item }) is a manual-issue line and cannot be changed
report-two-changes = line { $line } is changed twice
report-skip-with-override = line { $line } is skipped and also changed
report-bad-override = line { $line }: { $detail }
report-blocked = not enough stock: { $lines }
report-blocked-line = line { $line } { $item } short by { $short } at { $location }
report-too-large = the numbers are too large to compute; check the quantities and the BOM
report-unknown-item = unknown item { $item }
report-unknown-work-center = unknown work center { $work_center }

## Quantities
qty-good = good
qty-scrap = scrap
qty-hand-issue = hand issue
qty-override = quantity to issue
qty-line-scrap = line scrap
qty-counted = counted
qty-return = return
qty-substitute = substitute
qty-adjustment = adjustment
qty-transfer = transfer
qty-negative = must not be negative
qty-too-large = is too large (at most { $max })
qty-too-precise = the unit allows { $decimals } decimals

## Refused values: which input
field-qty = quantity
field-count = count
field-lot = lot
field-lots-of = lots of { $item }
field-reason = reason
field-reversal-reason = reversal reason
field-substitute = substitute
field-substitute-qty = substitute quantity
field-return-qty = return quantity
field-scrap-adjustment = scrap adjustment
field-correction = correction
field-line = line
field-item = item
field-order = order
field-location = location
field-transfer-to = transfer to
field-transfer-qty = transfer quantity

## Refused values: what is wrong
refused-invalid = { $field } { $value }: { $why }
why-serial-count = a serial of { $item } counts 0 or 1
why-count-differs = differs from the book { $book } by { $diff }, more than { $limit }%: pick a reason
why-untracked = { $item } is not lot- or serial-tracked
why-lot-needed = { $item } is tracked: name its lot
why-not-one-of = is not one of { $codes }
why-already-the-item = is already the item of line { $line }
why-not-positive = must be greater than zero
why-exceeds-issued = exceeds the { $issued } line { $line } has issued
why-nothing-issued = report { $report } issued no { $item }
why-changes-nothing = changes nothing
why-out-of-range = is outside { $min }–{ $max }
why-same-as-from = is where it comes from ({ $from })
why-exceeds-scrap = exceeds the { $scrap } scrap line { $line } has so far; unused material goes back as a return
why-not-machine = is a { $kind } location, not a machine location
why-not-lot-tracked = is not lot-tracked: it has no lots to trace
why-differs-in-case = matches { $codes }: type it as stored
why-on-lines = is on lines { $lines } of { $owner }; give the line number
why-non-stock = does not apply: { $item } is non-stock
why-holds-no-stock = holds no stock
why-not-a-name = must be a name without control characters
why-empty = is empty; give a reason
why-matches = matches { $orders }; type more of it

## Refused reversals and transfers
refused-already-reversed = report { $report } is already reversed
refused-lot-gone = report { $report } cannot be reversed: lot { $lot } of { $item } at { $location } holds { $holds }, not { $wanted }
refused-transfer = transfer of { $qty } { $item } from { $from } refused: { $why }
transfer-short = only { $on_hand } on hand there

## Refused lots
report-lot = line { $line } ({ $item }): { $why }
lot-untracked = not lot- or serial-tracked; it takes no lot
lot-manual-without-qty = a manual line takes lots only with the quantity issued by hand
lot-not-at = lot { $lot } is not at { $location }
lot-not-held = lot { $lot } holds { $holds } at { $location }, not { $wanted }
lot-needs-lots = tracked: name the lots or serials it is issued from
lot-bad-part = { $part } is not LOT or LOT:QTY with a quantity above 0
lot-too-many-decimals = lot { $lot }: quantity { $qty } has more than { $decimals } decimals
lot-qty-needed = lot { $lot } needs a quantity (LOT:QTY) when several lots are named
lot-duplicate = lot { $lot } is named twice
lot-serial-qty = serial { $lot } takes a quantity of 1, not { $qty }
lot-sum = the lots add up to { $total }, not { $expected }
lot-uncovered = the unexpired lots hold only { $available }; name the lots

## The report screen at the machine: lots named for a line, on hand apart from expired lots
report-line-lots = { $count } lots
report-line-serials = { $count } serials
footer-more = more
report-expired-apart = (+{ $qty } expired)
choice-lot-expired = {" "}· expired
