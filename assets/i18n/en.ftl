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

## Closing an order
close-title = Close { $order }?
close-short = Short: { $good } good of { $qty }
close-complete = Complete: { $good } good of { $qty }
close-wip = WIP settled: { $amount }
close-material-usage = Material usage variance: { $amount }
close-production = Production variance: { $amount }
close-reason-line = Reason: { $reason }
close-needs-lead = A lead's badge and PIN come next.
close-reason-prompt = Why close { $order } short?
close-reason-empty = give a reason
closed-as-short = short
closed-as-complete = complete
close-posted = { $order } closed ({ $closed_as }): WIP { $wip } settled
reopen-reason-prompt = Why reopen { $order }?
reopen-title = Reopen { $order }?
reopen-line = Its settlement is reversed; it takes postings again.
reopen-posted = { $order } reopened: its settlement reversed
variance-closed = CLOSED
board-ready-to-close = ✓ close
## Refused plant rules (config file, settings.toml)
refused-config = config file { $file }: { $why }
rule-out-of-range = { $key } { $value } is outside its range { $min }–{ $max }
rule-no-reason = { $key } is empty; give at least one reason code
rule-control = { $key } holds the control character { $char }; use printable text
rule-too-long = { $key } has { $chars } characters; at most { $max }
rule-key-cause = { $key }: { $cause }
rule-not-a-table = [{ $section }] must be a table
rule-toml = { $cause } (line { $line })
rule-unknown-section = unknown section [{ $section }]: only [policy], [reasons] and [accounts]
## Keys: the help's lines and the footer's words (keys, prompts, confirmations and messages)
key-next-field-then-log = next field, then log in
key-switch-between-badge-and = switch between badge and PIN
key-quit = quit
key-help-every-key-this = help: every key of this screen
key-help = help
key-open-order-typed-or = open the order typed or scanned (any case, or its last digits), else the selected one
key-this-work-center-all = this work center / all work centers
key-switch-to-next-work = switch to the next work center
key-history-reports-reverse-from = history of reports (reverse from there)
key-staging-what-machine-location = staging: what the machine location still needs (handlers, leads)
key-deferred-lines-waiting-for = deferred lines waiting for stock (the exception queue)
key-progress-and-variance-selected = progress and variance of the selected order
key-machine-location-health-what = machine-location health: what counts found against what was used
key-trace-lot-what-went = trace a lot: what went into it, what was made from it, where it is
key-back-to-orders = back to the orders
key-trace-another-lot = trace another lot
key-refresh = refresh
key-retry-post-every-open = retry: post every open line that now fits, oldest first (handlers, leads)
key-cancel-selected-line-lead = cancel the selected line (a lead's decision; asks first)
key-refresh-list = refresh the list
key-clear-typed-order = clear the typed order
key-report-at-selected-count = report at the selected count point
key-progress-and-variance-order = progress and variance of the order
key-back = back
key-move-between-good-scrap = move between good, scrap and the lines
key-previous-field = previous field
key-post-report-asks-first = post the report (asks first)
key-set-quantity-issued-on = set the quantity issued on the selected line
key-add-component-scrap-on = add component scrap on the selected line
key-issue-selected-line-from = issue the selected line from another location
key-skip-selected-line-issue = skip the selected line (issue by hand); again to undo
key-issue-manual-line-s = issue a manual line's planned qty by hand (then lots or serials)
key-choose-lots-or-serials = choose the lots or serials of a tracked line (scan or pick)
key-lot-finished-goods-go = the lot the finished goods go into (a serial-tracked item: their serials)
key-reset-selected-line-to = reset the selected line to planned
key-back-asks-if-report = back (asks if the report was edited)
key-reverse-selected-report-asks = reverse the selected report (asks for a reason)
key-report-s-lines-lead = the report's lines: a lead corrects scrap or records a substitution
key-adjust-scrap-on-selected = adjust scrap on the selected line (±, with a reason code)
key-record-substitution-another-item = record a substitution: another item issued instead of this line's
key-back-to-history = back to the history
key-bring-selected-item-to = bring the selected item to its machine location (asks from where; offers what to bring, at most what the source holds)
key-this-work-center-s = this work center's machine location / every machine location
key-cycle-count-selected-item = cycle count the selected item at the machine location
key-yes = yes
key-no = no
key-apply = apply
key-cancel = cancel
key-close = close
key-close-help = close the help
key-scroll-help = scroll the help
key-scroll-help-back = scroll the help back
key-next-page-keys = the next page of keys
key-page-before = the page before
key-first-key = the first key
key-last-key = the last key
key-previous-row = previous row
key-next-row = next row
key-page-up = page up
key-page-down = page down
key-first-row = first row
key-last-row = last row
key-help-where-no-field = help, where no field takes typing
key-quit-asks-if-report = quit (asks if a report is being edited)
key-log-out = log out
hint-log-in = log in
hint-badge-pin = badge/PIN
hint-quit = quit
hint-help = help
hint-open = open
hint-all-wcs = all WCs
hint-next-wc = next WC
hint-history = history
hint-staging = staging
hint-deferred = deferred
hint-variance = variance
hint-health = health
hint-back = back
hint-trace = trace
hint-retry = retry
hint-cancel = cancel
hint-report = report
hint-field = field
hint-post = post
hint-qty = qty
hint-scrap = scrap
hint-from = from
hint-skip = skip
hint-reset = reset
hint-reverse = reverse
hint-lines = lines
hint-substitute = substitute
hint-bring = bring
hint-all = all
hint-count = count
hint-yes = yes
hint-no = no
hint-apply = apply
hint-close = close
hint-cancel-line = cancel
lead-badge = A lead must approve: scan or type the lead's badge
marked-enough = { $needed ->
    [one] 1 serial
   *[other] { $needed } serials
} needed, { $needed } marked; Space on a marked one unmarks it
marked-none = none of { $needed } marked
marked-some = { $marked } of { $needed } marked: { $serials }
pick-hint-mark-cancel = Space mark   ↑↓ pick   Enter: take the marked   Esc: cancel
pick-hint-mark-back = Space mark   ↑↓ pick   Enter: take the marked   Esc: back
pick-hint-cancel = ↑↓ pick   Enter: apply   Esc: cancel
pick-hint-back = ↑↓ pick   Enter: apply   Esc: back
prompt-hint-cancel = Enter: apply   Esc: cancel
prompt-hint-back = Enter: apply   Esc: back
prompt-title = Enter a value
line-serials-title = Serials for line { $line } { $item }: { $total } from { $location } (scan each, or mark them with Space)
line-lots-title = Lots for line { $line } { $item }: { $total } from { $location } (LOT or LOT:QTY,…)
choose-its-serials = {" "}· o: choose its serials
choose-its-lots = {" "}· o: choose its lots
scan-or-pick-serials = scan or pick its serials
scan-or-pick-lot = scan or pick a lot
scan-lead-badge = scan or type the lead's badge
lead-pin = PIN of lead { $badge }
separator-comma = a comma
separator-point = a point
field-other-separator = '{ $char }' not taken: decimals take { $separator } (type { $example })
field-second-separator = one decimal separator only (type { $example })
field-no-minus = '-' not taken: this quantity cannot be negative
field-minus-first = '-' not taken: a minus goes first (type -1)
field-not-a-digit = '{ $char }' not taken: a quantity is digits and { $separator } ({ $example })
field-whole-number = '{ $separator }' not taken: this quantity is a whole number
field-too-many-decimals = not taken: this quantity has at most { $decimals } decimals
field-too-long = not taken: at most { $max } characters
field-control = not taken: a control character
line-keys-on-tab = {" "}· Tab: the line keys
not-a-number = { $value } is not a number
material-cost = expected { $expected } · actual { $actual } · variance { $variance }
pick-order-chooses = the plant's pick order chooses
no-work-center-to-stage = no work center to stage for
unknown-stock-item = unknown stock item { $item }
unknown-location = unknown location { $location }
reversed = report { $report } reversed ({ $reason }): { $movements ->
    [one] 1 movement
   *[other] { $movements } movements
} put back
scrap-reason-return = Reason for returning { $qty } scrapped on line { $line }
scrap-reason-more = Reason for { $qty } more scrap on line { $line }
scrap-adjusted = report { $report } line { $line }: { $qty } { $item } scrap adjusted ({ $reason })
substituted = report { $report } line { $line }: { $returned } { $returned_item } returned, { $issued } { $issued_item } issued
retried = { $posted ->
    [one] 1 deferred line
   *[other] { $posted } deferred lines
} posted, { $open } still waiting
exception-cancelled = deferred line #{ $id } cancelled
counted-note = { $item } at { $location } counted { $counted }; { $posted ->
    [one] 1 waiting line
   *[other] { $posted } waiting lines
} posted
counted-book = { $item } at { $location }: book { $book }, counted { $counted }.
counted-no-difference = No difference: nothing adjusted.
counted-reason = {" "}(reason { $reason })
counted-adjusted = Adjusted by { $diff } { $item }{ $reason }.
counted-waiting-posted = Waiting line posted: { $qty } { $item } for order { $order } (#{ $id }).
counted-accuracy = Counts that found the book quantity: { $found } of { $counts }.
not-whole-containers = note: { $qty } is not a whole number of containers of { $multiple }
lots-named = {" "}(lots { $lots })
moved = moved { $qty } { $item } from { $from } to { $to }{ $lots }; { $posted ->
    [one] 1 waiting line
   *[other] { $posted } waiting lines
} posted
takes-expired = Line { $line } { $item } takes { $expired }
expired-named = expired { $count ->
    [one] lot
   *[other] lots
} { $lots }
lead-must-approve = A lead must approve:
manual-not-issued = { $count ->
    [one] 1 manual line
   *[other] { $count } manual lines
} not issued: { $lines }
post-manual-unissued = Post without the manual lines?
manual-unissued-nothing = Nothing is issued for them with this report.
manual-unissued-back = Esc: back to the report, where a or e issues a line by hand.
confirm-substitute = Record this substitution?
substitute-goes-back = Line { $line } { $own }: { $returned } { $own } go back to stock,
substitute-issued = { $issued } { $item } are issued instead.
confirm-transfer = Move this stock?
transfer-question = Move { $qty } { $item } from { $from } to { $to }{ $lots }.
finished-lot-title = Lot the { $item } received go into (empty: { $order }, the order number)
finished-serials-title = Serials of the { $good } { $item } received: scan each, or type S1,S2,…
finished-untracked = { $item } is not lot- or serial-tracked: it is received with no lot
nothing-received = this report receives no finished goods (good units at the last operation do)
receive-into = receive { $qty } → { $location }
receive-into-lot = receive { $qty } → { $location } lot { $lots }
receive-into-serials = receive { $qty } → { $location } serials { $lots }
report-posted = report { $report } posted for order { $order } ({ $deferred ->
    [one] 1 line
   *[other] { $deferred } lines
} deferred)
posted-report = Report { $report } posted for order { $order }.
posted-already = (It had been posted already; nothing was posted twice.)
posted-short-item = {" "}{ $item } ({ $short } short)
posted-line-waits = Line { $line }{ $item } waits for stock in the exception queue (#{ $id }).
posted-material-so-far = Order material so far: { $cost }
lines-waiting = { $count } waiting
another-work-centers-order = { $order } is an order of work center { $theirs }, not of { $ours }
at-work-center = {" "}· at { $work_center }
report-summary = {" "}Labor { $hours } h · labor + overhead { $labor } · { $receipt } · material std { $expected } / actual { $actual }
more-above = ↑ { $count } more
more-below = ↓ { $count } more
action-move-or-count = move or count stock
prompt-qty-by-hand = Quantity issued by hand, line { $line } { $item }
prompt-qty-to-issue = Quantity to issue, line { $line } { $item }
prompt-line-scrap = Line scrap on top, line { $line } { $item }
prompt-issue-location = Issue location, line { $line } { $item }
prompt-why-skipped = Why was line { $line } { $item } skipped? Pick a reason
prompt-why-changed = Why was line { $line } { $item } changed? Pick a reason
pick-or-type-location = pick or type a location
confirm-post = Post this report?

## Closing an order: keys
key-close-order = close the order: its WIP settled to the variance accounts (a lead's; asks first)
key-reopen-order = reopen a closed order (a lead's, with a reason; asks first)
hint-close-order = close
hint-reopen-order = reopen
## The views: titles, column headers, row words and the explanation (short forms: a
## column's header fits its width in every language)
col-order = Order
col-work-center = Work ctr
col-item = Item
col-description = Description
col-qty = Qty
col-good = Good
col-scrap = Scrap
col-left = Left
col-due = Due
col-status = Status
col-can-build = Can build
col-op = Op
col-count-point = Count point
col-materials = Materials
col-line = Line
col-from = From
col-on-hand = On hand
col-planned = Planned
col-issue = Issue
col-uom = UoM
col-id = Id
col-when = When
col-user = User
col-state = State
col-issued = Issued
col-posted-as = Posted as
col-substitute = Substitute
col-reason = Reason
col-loc = Loc
col-min-max = Min–max
col-need = Need
col-bring = Bring
col-days = Days
col-stock-of-max = On hand of max
col-stock = Stock
col-orders = Orders
col-deferred = Deferred
col-short-now = Short now
col-std = Std
col-actual = Actual
col-pending = Pending
col-var = Var
col-cost = Cost
col-location = Location
col-backflushed = Backfl.
col-by-hand = By hand
col-count-adjusted = Count ±
col-discrepancy = Discr.
col-accurate = Accurate
col-waiting = Waiting
col-flag = Flag
col-level = Level
col-order-or-location = Order / loc.
col-lot = Lot
orders-title = Orders ({ $count })
orders-scan-hint = Scan or type an order (or its last digits) and press Enter · F1 keys
orders-typed = Order:
orders-typed-hint = Enter opens it · Esc clears
orders-no-match = No order on this board matches; Enter looks it up in every work center.
orders-no-plant = This store holds no plant yet. Import one with `backflush import DIR` (see the README), or try `backflush demo`.
orders-none = No released orders here. F2 shows all work centers.
order-open = open
order-started = started
order-done = done
order-waiting = { $count } waiting
order-title = { $order } · { $item } { $description } · qty { $qty }
op-count-point = ● count point
op-flushed-at = ○ flushed at { $operation }
report-at-op = report at op { $operation }
report-at-work-center = at { $work_center }
report-reported-here = reported here { $done } of { $qty }
report-totals-stale = Totals show again once good and scrap are valid.
report-needs-lead = Line { $line } { $item }{ $also } needs a lead: { $why }. The lead signs when you post.
report-needs-lead-also = { $count ->
    [one] (and 1 more line)
   *[other] (and { $count } more lines)
}
report-needs-lead-pct = more than { $pct }% from planned { $planned }
report-keeps-override = { $count ->
    [one] 1 line keeps
   *[other] { $count } lines keep
} your override (marked *) whatever good and scrap become; r resets a line
report-no-receipt = no receipt
plan-ahead-of-count-point = operation { $operation } reaches { $units } units, ahead of count point { $count_point } at { $at }
line-issue = issue
line-deferred = deferred
line-short = short
line-manual = manual
line-skipped = skipped
line-needs-lead = needs lead
line-by-hand = by hand
explain-per-unit-converted = Line { $line } { $item }: { $converted } → target({ $units }) = { $target } { $uom } ({ $decimals } decimals); earlier reports planned { $prior } → planned { $planned }
explain-per-unit = Line { $line } { $item }: { $qty } per { $base } units, scrap { $pct }% → target({ $units }) = { $target } ({ $decimals } decimals); earlier reports planned { $prior } → planned { $planned }
explain-phantom = (in { $uom }, units converted along the phantom path)
explain-per-order-converted = Line { $line } { $item }: per order { $converted } → { $target } { $uom }; { $carried }
explain-per-order = Line { $line } { $item }: { $qty } per order, scrap { $pct }% → { $target }; { $carried }
explain-carries = this is the first report, it carries it
explain-carried = an earlier report carried it
explain-manual = Manual line: { $why }. a: issue the planned { $qty } { $uom } by hand{ $then }; e: another quantity.
explain-then-lots = , then scan its lots
explain-then-serials = , then scan its serials
explain-by-hand-non-stock = Issued by hand: { $qty } { $uom } (non-stock: recorded at standard cost, no location).
explain-by-hand = Issued by hand: { $qty } { $uom } from { $location }{ $lots }.
explain-issues-from = Issues from { $location } ({ $source }), { $on_hand } on hand{ $short }{ $lots }.
explain-short-by = , short by { $short }
explain-lots-uncovered = the unexpired lots there do not cover it
explain-choose-lots = o: choose its lots
explain-choose-serials = o: choose its serials
explain-unknown-lot = (unknown)
explain-lots = lots { $lots }
explain-serials = serials { $lots }
explain-fefo = FEFO: earliest expiry first
explain-fifo = FIFO: oldest first
explain-named = named
explain-expired-skipped = expired { $lots } skipped
manual-order-line = a lead set the order line to manual
manual-bom-line = the BOM line is not backflushed
manual-item = the item is not backflushed by default
manual-work-center = its work center does not backflush
manual-non-stock = the item is non-stock
manual-lot-selection = the item is lot-tracked and lot_selection is manual
manual-serial = the item is serial-tracked
source-bom = supply location of the BOM line
source-work-center = machine location of work center { $work_center }
source-override = override
history-title = Reports, newest first ({ $count })
row-posted = posted
report-reversed = reversed
detail-title = Report { $id } · { $order } op { $operation } · good { $good } scrap { $scrap }
detail-approved = approved by { $approver }
staging-title = Staging for { $work_center } ({ $count } items)
staging-title-every = Every machine location ({ $count } items)
exceptions-title = Deferred lines at { $place } ({ $count })
exceptions-every-location = every location
exceptions-none = Nothing is waiting for stock here.
exceptions-fits = fits
variance-material-cost = Material cost: { $cost }
variance-lines-title = Material lines: standard for the units reported
health-title = Machine-location health, last { $days } days: { $flagged } flagged of { $count }
flag-negative = negative
flag-discrepancy = discrepancy
flag-waiting = waiting
flag-ok = ok
trace-title = Trace: { $item } { $lot }
trace-untracked = (untracked)
trace-unknown-lot = (unknown lot)
trace-on-hand = On hand
trace-on-hand-none = On hand: none (consumed or shipped)
trace-made-from = Made from: the component lots the orders that made it consumed
trace-made-from-none = Made from: no tracked component lots
trace-went-into = Went into: what the orders that consumed it made
trace-went-into-none = Went into: nothing made from it yet
prompt-apply-cancel = Enter: apply   Esc: cancel
prompt-apply-back = Enter: apply   Esc: back
pick-none = nothing in the list matches; Enter takes what is typed
pick-more = … { $count } in all; type to narrow
report-short-title = { $order } · { $item } · qty { $qty }
## The report screen at the machine: lots named for a line, on hand apart from expired lots
report-line-lots = { $count } lots
report-line-serials = { $count } serials
footer-more = more
report-expired-apart = (+{ $qty } expired)
choice-lot-expired = {" "}· expired

## Report keys: by hand, lots, the finished lot, serials marked
hint-by-hand = by hand
hint-lots = lots
hint-fg-lot = FG lot
key-mark-serial = mark or unmark the highlighted serial
hint-mark = mark
key-take-marked = take the marked serials, else the highlighted one
hint-take = take
key-previous-serial = previous serial
key-next-serial = next serial

## The last English words: confirmations of quitting, leaving, cancelling and reversing
quit-title = Quit?
quit-unposted = The report being edited has not been posted.
quit-lose = Quit and lose it?
leave-report-title = Leave the report?
leave-report-unposted = It has not been posted.
leave-report-lose = Leave and lose it?
cancel-deferred-title = Cancel this deferred line?
cancel-deferred-line = #{ $id }: { $qty } { $item } at { $location } for order { $order } (report { $report }, line { $line }).
cancel-deferred-note = It will not be issued by the program; issue it by hand if it was used.
reverse-already = report { $report } is already reversed
reverse-reason-prompt = Reason for reversing report { $report } ({ $order } op { $operation })
reverse-needs-reason = a reversal needs a reason
reverse-what = Report { $report } of { $when } by { $user }: order { $order } ({ $item }), operation { $operation }.
reverse-undo = Undo { $good } good and { $scrap } scrap: every line it issued goes back, its receipt and labor are reversed, its deferred lines are cancelled.
reverse-reason = Reason: { $reason }
reverse-ask = Reverse it?
reverse-title = Reverse report { $report }?

## The last English words: a trace's prompts, a line's refusals, a count's title
not-posted-title = Not posted
counted-title = Counted
trace-item-prompt = Trace a lot: which item? (scan or pick)
trace-item-needed = scan or pick an item
trace-no-lots = the store never held a lot of { $item }
trace-lot-before-lots = unknown lot (stock from before lots were kept)
trace-lot-prompt = Trace which lot of { $item }? (scan or pick)
line-backflushed = line { $line } ({ $item }) is backflushed: e sets the quantity it issues
line-not-tracked = line { $line } ({ $item }) is not lot- or serial-tracked: it takes no lots
not-a-count-point = operation { $operation } is not a count point; its lines are reported at operation { $count_point }
type-good-quantity = type the good quantity (Tab: scrap)

## The last English words: a posted report's scrap and substitute prompts
scrap-add-prompt = Scrap to add on line { $line } { $item } (negative: a correction)
substitute-item-prompt = Item issued instead of { $item } on line { $line }
substitute-item-needed = scan or type the substitute item
substitute-return-prompt = How many { $item } go back (all { $issued } the line issued, or part)
substitute-qty-prompt = How many { $item } were issued instead

## The last English words: staging's transfer and count prompts
transfer-from-prompt = Bring { $item } to { $to } from which location?
transfer-from-needed = type the location to take it from
transfer-from-is-to = { $location } is where it goes; pick where it comes from
transfer-qty-prompt = How many { $item } from { $from } to { $to }
count-qty-prompt = Counted { $item } at { $location }
count-lot-qty-prompt = Counted { $item } lot { $lot } at { $location }
count-lot-unknown = (unknown)
count-lot-prompt = Count which lot of { $item } at { $location }? (scan or pick)
transfer-lots-prompt = Lots of { $item } from { $from } (LOT or LOT:QTY,…; Enter alone: pick order)

## The last English words: what a report will post
post-summary = Order { $order } · operation { $operation } · good { $good } · scrap { $scrap }
post-lines = { $issue ->
    [one] { $issue } line
   *[other] { $issue } lines
} to issue, { $deferred } deferred, { $manual } manual, { $skipped } skipped
post-short = { $count ->
    [one] { $count } line
   *[other] { $count } lines
} short: the post will be refused (negative stock = block)
post-receive = Receive { $qty } { $item } into { $location }
post-labor = Labor { $hours } h at standard
post-warning = Warning: { $warning }
post-lead-more = A lead must approve (more than { $pct }% from planned):
post-lead-enter = Enter: the lead scans the badge and types the PIN

## The last English words: variance title, count reason, a substitute's return, report numbers, pick details
variance-title = { $order } · { $closed }{ $item } { $description } · qty { $qty } · progress and variance
variance-short-title = { $order } · { $closed }{ $item } · qty { $qty } · progress and variance
count-reason-prompt = { $item } at { $location }: book { $book }, counted { $counted } = { $diff }{ $pct }. Pick a reason to post it
substitute-return-not-qty = { $value } is not a quantity above 0
substitute-return-exceeds = { $qty } exceeds the { $issued } { $item } line { $line } has issued
report-good-not-number = good { $value } is not a number
report-scrap-not-number = scrap { $value } is not a number
choice-on-hand = { $qty } on hand
choice-expires = expires { $date }
choice-expired = expired: a lead must approve
choice-unknown-lot = unknown lot
cannot-post = cannot post: { $why }
nothing-to-post = nothing to post
