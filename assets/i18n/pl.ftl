# Słowa terminala po polsku.

## Katalog
language-name = Polski
decimal-separator = ,

## Role
role-operator = operator
role-lead = brygadzista
role-handler = zaopatrzeniowiec
role-admin = admin
role-integration = integracja

## Logowanie
login-title = Logowanie
login-hint = Zeskanuj identyfikator, potem wpisz PIN.
login-badge = Identyfikator
login-pin = PIN
login-demo-title = Identyfikatory demo (język)

## Pasek stanu
status-not-logged-in = nie zalogowano
status-open-terminal = terminal otwarty
status-all-work-centers = wszystkie stanowiska
status-no-work-center = brak stanowiska
status-unknown-work-center = stanowisko { $code } z konfiguracji nie istnieje
status-idle-logout = wylogowano po bezczynności
status-welcome = witaj, { $name } (zalogowano)
status-key-unbound = '{ $key }' nic tu nie robi; ? pokazuje klawisze

## Okna
help-title = Klawisze (Esc zamyka)
confirm-hint = Enter: tak   Esc: nie
close-hint = Enter: zamknij

## Odmowy: co nazywa kod
thing-item = indeks
thing-location = lokalizacja
thing-work-center = stanowisko
thing-order = zlecenie
thing-report = meldunek
thing-exception = linia oczekująca
thing-lot = partia
thing-consumer = odbiorca
thing-badge = identyfikator

## Odmowy: co wolno roli
action-report = meldować produkcję
action-reverse = stornować meldunek
action-lead-approval = korygować zaksięgowaną linię lub zatwierdzać większe odchylenie
action-handle = przesuwać zapas, liczyć go lub ponawiać linie oczekujące
action-administer = importować lub zakładać magazyn danych
action-export-ack = potwierdzać eksport
action-backup = robić kopię magazynu danych
action-unlock = odblokować identyfikator
action-issue = pobierać materiał ręcznie
action-line-flag = ustawiać znacznik pobrania wstecznego linii zlecenia
action-cancel-exception = anulować linię oczekującą
action-close = zamknąć zlecenie
action-reopen = ponownie otworzyć zlecenie

## Odmowy
refused-not-found = nie znaleziono: { $thing } { $code }
refused-no-line = { $owner } nie ma linii { $key }
refused-forbidden = { $user } ({ $role }) nie może { $action }; potrzebna rola { $roles }
refused-needs-lead-override = { $user } nie może sam zaksięgować większego odchylenia: linia { $line } ({ $item }) różni się od planu { $planned } o ponad { $pct }%; musi zatwierdzić brygadzista
refused-needs-lead-expired = { $user } nie może sam pobrać przeterminowanej partii: linia { $line } ({ $item }) wskazuje partię { $lots }; musi zatwierdzić brygadzista
refused-needs-lead-undo-window = { $user } nie może sam wycofać meldunku: własne meldunki można wycofać do { $minutes } min po zaksięgowaniu; meldunek { $report } ma { $ago } min; zatwierdza brygadzista
refused-key-used = to żądanie użyto już do innego; zacznij od nowa
refused-failure = nie można: { $detail }
refused-store = błąd magazynu danych: { $detail }
owner-report = meldunek { $id }
owner-order = zlecenie { $order }
or = { $first } lub { $last }

## Odmowy przy logowaniu
auth-unknown-badge = identyfikator { $badge } jest nieznany
auth-no-user = najpierw zaloguj się, aby { $action }
auth-pin-missing = identyfikator { $badge } wymaga PIN-u
auth-wrong-pin = błędny PIN dla identyfikatora { $badge }; { $attempts ->
    [0] identyfikator jest teraz zablokowany
    [one] została { $attempts } próba
    [few] zostały { $attempts } próby
    [many] zostało { $attempts } prób
   *[other] zostało { $attempts } próby
}
auth-locked = identyfikator { $badge } zablokowany po zbyt wielu błędnych PIN-ach do { $until }
auth-busy = identyfikator { $badge } jest sprawdzany gdzie indziej; spróbuj za chwilę
auth-wrong-pin-locked = błędny PIN dla identyfikatora { $badge }; identyfikator zablokowany do { $until }
auth-not-a-lead = identyfikator { $badge } ({ $role }) nie należy do brygadzisty: zatwierdza brygadzista lub administrator
auth-pin-unreadable = nie można odczytać PIN-u identyfikatora { $badge }

## Odmowy przy zapasie i meldunkach
refused-report-reversed = meldunek { $report } jest stornowany
refused-manual-line = linia { $line } meldunku { $report } jest pobierana ręcznie; nie pobrano jej tutaj
refused-not-on-hand = potrzeba { $needed } { $item } w { $location }, jest tylko { $on_hand }
refused-lots-uncovered = { $item } w { $location }: ważne partie mają tylko { $available }; podaj partie
refused-always-manual = linia { $line } ({ $item }) zlecenia { $order } jest zawsze pobierana ręcznie
refused-exception-not-open = linia oczekująca { $id } nie jest otwarta
refused-order-closed = zlecenie { $order } jest zamknięte: nie przyjmuje księgowań, dopóki nie zostanie otwarte
refused-open-exceptions = zlecenie { $order } ma otwarte linie oczekujące ({ $exceptions }): najpierw zaksięguj lub anuluj
refused-short-needs-reason = zlecenie { $order } jest niepełne ({ $good } z { $qty } dobrych): zamknięcie wymaga przyczyny
refused-order-not-closed = zlecenie { $order } nie jest zamknięte
refused-no-terminal = terminal potrzebuje ekranu
report-unknown-operation = zlecenie { $order } nie ma operacji { $operation }
report-not-count-point = operacja { $operation } zlecenia { $order } nie jest punktem meldowania; melduj na operacji { $count_point }
report-bad-quantity = { $field } { $value }: { $problem }
report-nothing = dobre i braki są równe zero; zamelduj co najmniej jedną sztukę
report-over-good = operacja { $operation } zlecenia { $order } osiągnęłaby { $after } dobrych, ponad limit { $limit }
report-over-scrap = operacja { $operation } zlecenia { $order } osiągnęłaby { $after } braków, ponad ilość zlecenia { $limit }
report-unknown-line = { $key } nie jest linią materiałową operacji { $operation } zlecenia { $order }
report-ambiguous-key = indeks { $key } jest w liniach { $lines }; podaj numer linii
report-manual-override = linia { $line } ({ $item }) jest pobierana ręcznie i nie można jej zmienić
report-two-changes = linia { $line } jest zmieniona dwa razy
report-skip-with-override = linia { $line } jest pominięta i jednocześnie zmieniona
report-bad-override = linia { $line }: { $detail }
report-blocked = za mało zapasu: { $lines }
report-blocked-line = linia { $line } { $item } brakuje { $short } w { $location }
report-too-large = liczby są za duże; sprawdź ilości i strukturę wyrobu
report-unknown-item = nieznany indeks { $item }
report-unknown-work-center = nieznane stanowisko { $work_center }

## Ilości
qty-good = dobre
qty-scrap = braki
qty-hand-issue = pobranie ręczne
qty-override = ilość do pobrania
qty-line-scrap = braki linii
qty-counted = policzono
qty-return = zwrot
qty-substitute = zamiennik
qty-adjustment = korekta
qty-transfer = przesunięcie
qty-negative = nie może być ujemna
qty-too-large = jest za duża (najwyżej { $max })
qty-too-precise = miejsc po przecinku dopuszczalnych: { $decimals }

## Refused values: which input
field-qty = ilość
field-count = spis
field-lot = partia
field-lots-of = partie { $item }
field-reason = przyczyna
field-reversal-reason = przyczyna storna
field-substitute = zamiennik
field-substitute-qty = ilość zamiennika
field-return-qty = ilość zwrotu
field-scrap-adjustment = korekta braków
field-correction = korekta
field-line = linia
field-item = indeks
field-order = zlecenie
field-location = lokalizacja
field-transfer-to = przesuń do
field-transfer-qty = ilość do przesunięcia

## Refused values: what is wrong
refused-invalid = { $field } { $value }: { $why }
why-serial-count = numer seryjny { $item } liczy się jako 0 lub 1
why-count-differs = różni się od stanu księgowego { $book } o { $diff }, ponad { $limit }%: wybierz przyczynę
why-untracked = { $item } nie jest prowadzony w partiach ani seriach
why-lot-needed = { $item } jest śledzony: podaj partię
why-not-one-of = nie jest żadnym z { $codes }
why-already-the-item = jest już indeksem linii { $line }
why-not-positive = musi być większa od zera
why-exceeds-issued = przekracza { $issued } pobrane w linii { $line }
why-nothing-issued = meldunek { $report } nie pobrał { $item }
why-changes-nothing = niczego nie zmienia
why-out-of-range = jest poza zakresem { $min }–{ $max }
why-same-as-from = to miejsce źródłowe ({ $from })
why-exceeds-scrap = przekracza dotychczasowe braki { $scrap } linii { $line }; niezużyty materiał wraca jako zwrot
why-not-machine = to lokalizacja typu { $kind }, nie maszynowa
why-not-lot-tracked = nie jest śledzony partiami: brak partii do śledzenia
why-differs-in-case = pasuje do { $codes }: wpisz dokładnie jak zapisano
why-on-lines = jest w liniach { $lines } { $owner }; podaj numer linii
why-non-stock = nie dotyczy: { $item } nie jest magazynowy
why-holds-no-stock = nie ma zapasu
why-not-a-name = musi być nazwą bez znaków sterujących
why-empty = jest puste; podaj przyczynę
why-matches = pasuje do { $orders }; wpisz więcej

## Refused reversals and transfers
refused-already-reversed = meldunek { $report } jest już stornowany
refused-lot-gone = meldunku { $report } nie można stornować: partia { $lot } { $item } w { $location } ma { $holds }, nie { $wanted }
refused-transfer = przesunięcie { $qty } { $item } z { $from } odrzucone: { $why }
transfer-short = jest tam tylko { $on_hand }

## Refused lots
report-lot = linia { $line } ({ $item }): { $why }
lot-untracked = nie jest śledzony partiami ani seriami; bez partii
lot-manual-without-qty = linia ręczna przyjmuje partie tylko z ilością pobraną ręcznie
lot-not-at = partii { $lot } nie ma w { $location }
lot-not-held = partia { $lot } ma { $holds } w { $location }, nie { $wanted }
lot-needs-lots = śledzony: podaj partie lub numery seryjne
lot-bad-part = { $part } to nie PARTIA ani PARTIA:ILOŚĆ z ilością powyżej 0
lot-too-many-decimals = partia { $lot }: ilość { $qty } ma za dużo miejsc po przecinku (dozwolone: { $decimals })
lot-qty-needed = partia { $lot } wymaga ilości (PARTIA:ILOŚĆ), gdy podano kilka
lot-duplicate = partia { $lot } podana dwa razy
lot-serial-qty = numer seryjny { $lot } ma ilość 1, nie { $qty }
lot-sum = partie dają razem { $total }, nie { $expected }
lot-uncovered = ważne partie mają tylko { $available }; podaj partie

## Closing an order
close-title = Zamknąć { $order }?
close-short = Niepełne: { $good } dobre z { $qty }
close-complete = Pełne: { $good } dobre z { $qty }
close-wip = Rozliczona produkcja w toku: { $amount }
close-material-usage = Odchylenie zużycia materiału: { $amount }
close-production = Odchylenie produkcyjne: { $amount }
close-reason-line = Powód: { $reason }
close-needs-lead = Potem identyfikator i PIN brygadzisty.
close-reason-prompt = Dlaczego zamknąć { $order } niepełne?
close-reason-empty = podaj powód
closed-as-short = niepełne
closed-as-complete = pełne
close-posted = { $order } zamknięte ({ $closed_as }): rozliczono { $wip }
reopen-reason-prompt = Dlaczego otworzyć { $order } ponownie?
reopen-title = Otworzyć { $order } ponownie?
reopen-line = Rozliczenie zostaje wycofane; zlecenie znów przyjmuje księgowania.
reopen-posted = { $order } otwarte ponownie: rozliczenie wycofane
variance-closed = ZAMKNIĘTE
board-ready-to-close = ✓ zamknij
## Odrzucone reguły zakładu (plik konfiguracji, settings.toml)
refused-config = plik konfiguracji { $file }: { $why }
rule-out-of-range = { $key } { $value } poza zakresem { $min }–{ $max }
rule-no-reason = { $key } jest puste; podaj co najmniej jeden kod przyczyny
rule-control = { $key } zawiera znak sterujący { $char }; tylko tekst drukowalny
rule-too-long = { $key } ma { $chars } znaków; najwyżej { $max }
rule-key-cause = { $key }: { $cause }
rule-not-a-table = [{ $section }] musi być tabelą
rule-toml = { $cause } (wiersz { $line })
rule-unknown-section = nieznana sekcja [{ $section }]: tylko [policy], [reasons] i [accounts]
## Klawisze: wiersze pomocy i słowa stopki (klawisze, pytania, potwierdzenia i komunikaty)
key-next-field-then-log = następne pole, potem zaloguj
key-switch-between-badge-and = przełącz między identyfikatorem a PIN-em
key-quit = zakończ
key-help-every-key-this = pomoc: wszystkie klawisze tego ekranu
key-help = pomoc
key-open-order-typed-or = otwórz wpisane lub zeskanowane zlecenie (dowolna wielkość liter lub ostatnie cyfry), inaczej wybrane
key-this-work-center-all = to stanowisko / wszystkie stanowiska
key-switch-to-next-work = przejdź do następnego stanowiska
key-history-reports-reverse-from = historia meldunków (tam storno)
key-staging-what-machine-location = zaopatrzenie: czego jeszcze brakuje przy maszynie (logistycy, brygadziści)
key-deferred-lines-waiting-for = linie oczekujące na zapas (kolejka wyjątków)
key-progress-and-variance-selected = postęp i odchylenie wybranego zlecenia
key-machine-location-health-what = stan lokalizacji maszyn: policzone wobec zużytego
key-trace-lot-what-went = śledź partię: co do niej weszło, co z niej zrobiono, gdzie jest
key-back-to-orders = wróć do zleceń
key-trace-another-lot = śledź inną partię
key-refresh = odśwież
key-retry-post-every-open = ponów: zaksięguj każdą otwartą linię, która teraz pasuje, od najstarszej (logistycy, brygadziści)
key-cancel-selected-line-lead = anuluj wybraną linię (decyzja brygadzisty; najpierw pyta)
key-refresh-list = odśwież listę
key-clear-typed-order = wyczyść wpisane zlecenie
key-report-at-selected-count = melduj w wybranym punkcie zgłoszenia
key-progress-and-variance-order = postęp i odchylenie zlecenia
key-back = wróć
key-move-between-good-scrap = przechodź między dobrymi, brakami i liniami
key-previous-field = poprzednie pole
key-post-report-asks-first = zaksięguj meldunek (najpierw pyta)
key-set-quantity-issued-on = ustaw ilość pobraną w wybranej linii
key-add-component-scrap-on = dodaj braki komponentu w wybranej linii
key-issue-selected-line-from = pobierz wybraną linię z innej lokalizacji
key-skip-selected-line-issue = pomiń wybraną linię (pobranie ręczne); ponownie, by cofnąć
key-issue-manual-line-s = pobierz ręcznie planowaną ilość linii ręcznej (potem partie lub numery seryjne)
key-choose-lots-or-serials = wybierz partie lub numery seryjne linii śledzonej (skanuj lub wybierz)
key-lot-finished-goods-go = partia, do której trafiają wyroby (wyrób seryjny: ich numery)
key-reset-selected-line-to = przywróć wybraną linię do planu
key-back-asks-if-report = wróć (pyta, jeśli meldunek zmieniono)
key-reverse-selected-report-asks = stornuj wybrany meldunek (pyta o przyczynę)
key-report-s-lines-lead = linie meldunku: brygadzista koryguje braki lub zapisuje zamiennik
key-adjust-scrap-on-selected = koryguj braki w wybranej linii (±, z kodem przyczyny)
key-record-substitution-another-item = zapisz zamiennik: inny indeks pobrany zamiast tego z linii
key-back-to-history = wróć do historii
key-bring-selected-item-to = przynieś wybrany indeks do jego lokalizacji maszyny (pyta skąd; proponuje ilość, najwyżej tyle, ile ma źródło)
key-this-work-center-s = lokalizacja maszyny tego stanowiska / wszystkie
key-cycle-count-selected-item = policz wybrany indeks w lokalizacji maszyny
key-yes = tak
key-no = nie
key-apply = zatwierdź
key-cancel = anuluj
key-close = zamknij
key-close-help = zamknij pomoc
key-scroll-help = przewiń pomoc
key-scroll-help-back = przewiń pomoc wstecz
key-next-page-keys = następna strona klawiszy
key-page-before = poprzednia strona
key-first-key = pierwszy klawisz
key-last-key = ostatni klawisz
key-previous-row = poprzedni wiersz
key-next-row = następny wiersz
key-page-up = strona w górę
key-page-down = strona w dół
key-first-row = pierwszy wiersz
key-last-row = ostatni wiersz
key-help-where-no-field = pomoc, gdzie żadne pole nie przyjmuje tekstu
key-quit-asks-if-report = zakończ (pyta, jeśli meldunek jest edytowany)
key-log-out = wyloguj
hint-log-in = zaloguj
hint-badge-pin = identyf./PIN
hint-quit = koniec
hint-help = pomoc
hint-open = otwórz
hint-all-wcs = wszystkie
hint-next-wc = nast. stan.
hint-history = historia
hint-staging = zaopatrz.
hint-deferred = oczekujące
hint-variance = odchylenie
hint-health = stan
hint-back = wróć
hint-trace = śledź
hint-retry = ponów
hint-cancel = anuluj
hint-report = melduj
hint-field = pole
hint-post = księguj
hint-qty = ilość
hint-scrap = braki
hint-from = skąd
hint-skip = pomiń
hint-reset = przywróć
hint-reverse = storno
hint-lines = linie
hint-substitute = zamiennik
hint-bring = przynieś
hint-all = wszystkie
hint-count = licz
hint-yes = tak
hint-no = nie
hint-apply = zatwierdź
hint-close = zamknij
hint-cancel-line = anuluj
lead-badge = Musi zatwierdzić brygadzista: zeskanuj lub wpisz identyfikator brygadzisty
marked-enough = potrzeba { $needed ->
    [one] 1 numeru seryjnego
   *[other] { $needed } numerów seryjnych
}, zaznaczono { $needed }; Spacja na zaznaczonym odznacza go
marked-none = zaznaczono 0 z { $needed }
marked-some = zaznaczono { $marked } z { $needed }: { $serials }
pick-hint-mark-cancel = Spacja zaznacz   ↑↓ wybierz   Enter: weź zaznaczone   Esc: anuluj
pick-hint-mark-back = Spacja zaznacz   ↑↓ wybierz   Enter: weź zaznaczone   Esc: wróć
pick-hint-cancel = ↑↓ wybierz   Enter: zatwierdź   Esc: anuluj
pick-hint-back = ↑↓ wybierz   Enter: zatwierdź   Esc: wróć
prompt-hint-cancel = Enter: zatwierdź   Esc: anuluj
prompt-hint-back = Enter: zatwierdź   Esc: wróć
prompt-title = Wpisz wartość
line-serials-title = Numery seryjne dla linii { $line } { $item }: { $total } z { $location } (skanuj każdy lub zaznacz Spacją)
line-lots-title = Partie dla linii { $line } { $item }: { $total } z { $location } (PARTIA lub PARTIA:ILOŚĆ,…)
choose-its-serials = {" "}· o: wybierz numery seryjne
choose-its-lots = {" "}· o: wybierz partie
scan-or-pick-serials = zeskanuj lub wybierz numery seryjne
scan-or-pick-lot = zeskanuj lub wybierz partię
scan-lead-badge = zeskanuj lub wpisz identyfikator brygadzisty
lead-pin = PIN brygadzisty { $badge }
separator-comma = przecinek
separator-point = kropka
field-other-separator = '{ $char }' nieprzyjęte: separator dziesiętny to { $separator } (wpisz { $example })
field-second-separator = tylko jeden separator dziesiętny (wpisz { $example })
field-no-minus = '-' nieprzyjęte: ta ilość nie może być ujemna
field-minus-first = '-' nieprzyjęte: minus stoi na początku (wpisz -1)
field-not-a-digit = '{ $char }' nieprzyjęte: ilość to cyfry i { $separator } ({ $example })
field-whole-number = '{ $separator }' nieprzyjęte: ta ilość jest całkowita
field-too-many-decimals = nieprzyjęte: ta ilość ma najwyżej { $decimals } miejsc po przecinku
field-too-long = nieprzyjęte: najwyżej { $max } znaków
field-control = nieprzyjęte: znak sterujący
line-keys-on-tab = {" "}· Tab: klawisze linii
not-a-number = { $value } to nie liczba
material-cost = plan { $expected } · rzecz. { $actual } · odchylenie { $variance }
pick-order-chooses = wybiera kolejność pobrań zakładu
no-work-center-to-stage = brak stanowiska do zaopatrzenia
unknown-stock-item = nieznany indeks magazynowy { $item }
unknown-location = nieznana lokalizacja { $location }
reversed = meldunek { $report } stornowany ({ $reason }): cofnięto { $movements ->
    [one] 1 ruch
    [few] { $movements } ruchy
   *[other] { $movements } ruchów
}
scrap-reason-return = Przyczyna zwrotu { $qty } braków w linii { $line }
scrap-reason-more = Przyczyna { $qty } dodatkowych braków w linii { $line }
scrap-adjusted = meldunek { $report } linia { $line }: braki { $qty } { $item } skorygowane ({ $reason })
substituted = meldunek { $report } linia { $line }: zwrócono { $returned } { $returned_item }, pobrano { $issued } { $issued_item }
retried = zaksięgowano linie oczekujące: { $posted }, nadal czeka: { $open }
exception-cancelled = linia oczekująca #{ $id } anulowana
counted-note = { $item } w { $location } policzono { $counted }; zaksięgowano linie oczekujące: { $posted }
counted-book = { $item } w { $location }: stan księgowy { $book }, policzono { $counted }.
counted-no-difference = Brak różnicy: nic nie skorygowano.
counted-reason = {" "}(przyczyna { $reason })
counted-adjusted = Skorygowano o { $diff } { $item }{ $reason }.
counted-waiting-posted = Zaksięgowano linię oczekującą: { $qty } { $item } dla zlecenia { $order } (#{ $id }).
counted-accuracy = Spisy zgodne ze stanem księgowym: { $found } z { $counts }.
not-whole-containers = uwaga: { $qty } to nie pełne pojemniki po { $multiple }
lots-named = {" "}(partie { $lots })
moved = przesunięto { $qty } { $item } z { $from } do { $to }{ $lots }; zaksięgowano linie oczekujące: { $posted }
takes-expired = Linia { $line } { $item } bierze { $expired }
expired-named = { $count ->
    [one] przeterminowaną partię
   *[other] przeterminowane partie
} { $lots }
lead-must-approve = Musi zatwierdzić brygadzista:
manual-not-issued = niepobrane linie ręczne ({ $count }): { $lines }
post-manual-unissued = Zaksięgować bez linii ręcznych?
manual-unissued-nothing = Tym meldunkiem nic dla nich nie zostanie pobrane.
manual-unissued-back = Esc: wróć do meldunku, gdzie a lub e pobiera linię ręcznie.
confirm-substitute = Zapisać ten zamiennik?
substitute-goes-back = Linia { $line } { $own }: { $returned } { $own } wraca na magazyn,
substitute-issued = w zamian pobrano { $issued } { $item }.
confirm-transfer = Przesunąć ten zapas?
transfer-question = Przesuń { $qty } { $item } z { $from } do { $to }{ $lots }.
finished-lot-title = Partia dla przyjętych { $item } (puste: { $order }, numer zlecenia)
finished-serials-title = Numery seryjne { $good } przyjętych { $item }: skanuj każdy lub wpisz S1,S2,…
finished-untracked = { $item } nie jest śledzony partiami ani numerami: przyjęcie bez partii
nothing-received = ten meldunek nie przyjmuje wyrobów (robią to dobre w ostatniej operacji)
receive-into = przyjęcie { $qty } → { $location }
receive-into-lot = przyjęcie { $qty } → { $location } partia { $lots }
receive-into-serials = przyjęcie { $qty } → { $location } numery { $lots }
report-posted = meldunek { $report } zaksięgowany dla zlecenia { $order } (oczekujące linie: { $deferred })
posted-report = Meldunek { $report } zaksięgowany dla zlecenia { $order }.
posted-already = (Był już zaksięgowany; nic nie zaksięgowano dwa razy.)
posted-short-item = {" "}{ $item } (brakuje { $short })
posted-line-waits = Linia { $line }{ $item } czeka na zapas w kolejce wyjątków (#{ $id }).
posted-material-so-far = Materiał zlecenia dotąd: { $cost }
lines-waiting = { $count } czeka
another-work-centers-order = { $order } to zlecenie stanowiska { $theirs }, nie { $ours }
at-work-center = {" "}· na { $work_center }
report-summary = {" "}Praca { $hours } h · praca + narzut { $labor } · { $receipt } · materiał plan { $expected } / rzecz. { $actual }
more-above = ↑ jeszcze { $count }
more-below = ↓ jeszcze { $count }
action-move-or-count = przesuwać lub liczyć zapas
prompt-qty-by-hand = Ilość pobrana ręcznie, linia { $line } { $item }
prompt-qty-to-issue = Ilość do pobrania, linia { $line } { $item }
prompt-line-scrap = Dodatkowe braki linii, linia { $line } { $item }
prompt-issue-location = Lokalizacja pobrania, linia { $line } { $item }
prompt-why-skipped = Dlaczego pominięto linię { $line } { $item }? Wybierz przyczynę
prompt-why-changed = Dlaczego zmieniono linię { $line } { $item }? Wybierz przyczynę
pick-or-type-location = wybierz lub wpisz lokalizację
confirm-post = Zaksięgować ten meldunek?

## Closing an order: keys
key-close-order = zamknij zlecenie: WIP na konta odchyleń (brygadzista; najpierw pyta)
key-reopen-order = otwórz ponownie zamknięte zlecenie (brygadzista, z przyczyną; najpierw pyta)
hint-close-order = zamknij
hint-reopen-order = otwórz
## The views: titles, column headers, row words and the explanation (short forms: a
## column's header fits its width in every language)
col-order = Zlecenie
col-work-center = Stanow.
col-item = Indeks
col-description = Opis
col-qty = Ilość
col-good = Dobre
col-scrap = Braki
col-left = Zost.
col-due = Termin
col-status = Stan
col-can-build = Możliwe
col-op = Op.
col-count-point = Punkt meldunku
col-materials = Materiały
col-line = Linia
col-from = Skąd
col-on-hand = Stan mag
col-planned = Plan
col-issue = Pobranie
col-uom = JM
col-id = Nr
col-when = Kiedy
col-user = Użytkownik
col-state = Stan
col-issued = Pobrano
col-posted-as = Jako
col-substitute = Zamiennik
col-reason = Powód
col-loc = Lok.
col-min-max = Min–maks
col-need = Potrzeba
col-bring = Dowieźć
col-days = Dni
col-stock-of-max = Stan wobec maks
col-stock = Stan
col-orders = Zlec.
col-deferred = Czeka od
col-short-now = Brakuje
col-std = Norma
col-actual = Rzecz.
col-pending = Czeka
col-var = Odch.
col-cost = Koszt
col-location = Lok.
col-backflushed = Wstecz.
col-by-hand = Ręcznie
col-count-adjusted = Inw. ±
col-discrepancy = Rozb.
col-accurate = Trafne
col-waiting = Czeka
col-flag = Znacznik
col-level = Poziom
col-order-or-location = Zlec./lok.
col-lot = Partia
orders-title = Zlecenia ({ $count })
orders-scan-hint = Zeskanuj lub wpisz zlecenie (lub ostatnie cyfry) i Enter · F1 klawisze
orders-typed = Zlecenie:
orders-typed-hint = Enter otwiera · Esc czyści
orders-no-match = Żadne zlecenie tutaj nie pasuje; Enter szuka na wszystkich stanowiskach.
orders-no-plant = Magazyn nie ma jeszcze zakładu. Zaimportuj go: `backflush import DIR` (patrz README) lub spróbuj `backflush demo`.
orders-none = Brak zwolnionych zleceń tutaj. F2 pokazuje wszystkie stanowiska.
order-open = otwarte
order-started = w toku
order-done = gotowe
order-waiting = { $count } czeka
order-title = { $order } · { $item } { $description } · ilość { $qty }
op-count-point = ● punkt meldunku
op-flushed-at = ○ pobrane przy { $operation }
report-at-op = meldunek przy op. { $operation }
report-at-work-center = na { $work_center }
report-reported-here = zgłoszono tu { $done } z { $qty }
report-totals-stale = Sumy wrócą, gdy dobre i braki będą poprawne.
report-needs-lead = Linia { $line } { $item }{ $also } wymaga brygadzisty: { $why }. Podpisuje przy księgowaniu.
report-needs-lead-also = { $count ->
    [one] (i 1 linia więcej)
    [few] (i { $count } linie więcej)
    [many] (i { $count } linii więcej)
   *[other] (i { $count } linii więcej)
}
report-needs-lead-pct = ponad { $pct }% od planu { $planned }
report-keeps-override = { $count ->
    [one] 1 linia zachowuje
    [few] { $count } linie zachowują
    [many] { $count } linii zachowuje
   *[other] { $count } linii zachowuje
} wpisaną ilość (oznaczoną *) mimo zmian dobrych i braków; r przywraca
report-no-receipt = bez przyjęcia
plan-ahead-of-count-point = operacja { $operation } osiąga { $units } szt., przed punktem meldunku { $count_point } z { $at }
line-issue = pobrać
line-deferred = czeka
line-short = brak
line-manual = ręczna
line-skipped = pominięta
line-needs-lead = brygadz.
line-by-hand = ręcznie
explain-per-unit-converted = Linia { $line } { $item }: { $converted } → cel({ $units }) = { $target } { $uom } ({ $decimals } miejsc po przecinku); wcześniejsze meldunki planowały { $prior } → plan { $planned }
explain-per-unit = Linia { $line } { $item }: { $qty } na { $base } szt., braki { $pct }% → cel({ $units }) = { $target } ({ $decimals } miejsc po przecinku); wcześniejsze meldunki planowały { $prior } → plan { $planned }
explain-phantom = (w { $uom }, jednostki przeliczone po ścieżce fantomu)
explain-per-order-converted = Linia { $line } { $item }: na zlecenie { $converted } → { $target } { $uom }; { $carried }
explain-per-order = Linia { $line } { $item }: { $qty } na zlecenie, braki { $pct }% → { $target }; { $carried }
explain-carries = to pierwszy meldunek, on to niesie
explain-carried = niósł to wcześniejszy meldunek
explain-manual = Linia ręczna: { $why }. a: pobierz ręcznie plan { $qty } { $uom }{ $then }; e: inna ilość.
explain-then-lots = , potem zeskanuj partie
explain-then-serials = , potem zeskanuj numery seryjne
explain-by-hand-non-stock = Pobrano ręcznie: { $qty } { $uom } (niemagazynowy: po koszcie standardowym, bez lokalizacji).
explain-by-hand = Pobrano ręcznie: { $qty } { $uom } z { $location }{ $lots }.
explain-issues-from = Pobiera z { $location } ({ $source }), { $on_hand } na stanie{ $short }{ $lots }.
explain-short-by = , brakuje { $short }
explain-lots-uncovered = ważne partie tam nie wystarczą
explain-choose-lots = o: wybierz partie
explain-choose-serials = o: wybierz numery seryjne
explain-unknown-lot = (nieznana)
explain-lots = partie { $lots }
explain-serials = numery { $lots }
explain-fefo = FEFO: najpierw najkrótsza ważność
explain-fifo = FIFO: najpierw najstarsze
explain-named = wskazane
explain-expired-skipped = przeterminowane { $lots } pominięte
manual-order-line = brygadzista ustawił linię zlecenia na ręczną
manual-bom-line = linia BOM nie jest pobierana wstecznie
manual-item = indeks domyślnie nie jest pobierany wstecznie
manual-work-center = jego stanowisko nie pobiera wstecznie
manual-non-stock = indeks jest niemagazynowy
manual-lot-selection = indeks ma partie, a lot_selection to manual
manual-serial = indeks ma numery seryjne
source-bom = lokalizacja zasilania linii BOM
source-work-center = lokalizacja maszyny stanowiska { $work_center }
source-override = wpisana
history-title = Meldunki, najnowsze pierwsze ({ $count })
row-posted = zaksięg.
report-reversed = storno
detail-title = Meldunek { $id } · { $order } op. { $operation } · dobre { $good } braki { $scrap }
detail-approved = zatwierdził { $approver }
staging-title = Zasilanie { $work_center } ({ $count } indeksów)
staging-title-every = Wszystkie lokalizacje maszyn ({ $count } indeksów)
exceptions-title = Linie oczekujące w { $place } ({ $count })
exceptions-every-location = wszystkich lokalizacjach
exceptions-none = Nic tu nie czeka na zapas.
exceptions-fits = jest
variance-material-cost = Koszt materiału: { $cost }
variance-lines-title = Linie materiału: norma dla zgłoszonych sztuk
health-title = Stan lokalizacji maszyn, ostatnie { $days } dni: { $flagged } z { $count } oznaczone
flag-negative = ujemny
flag-discrepancy = rozbieżność
flag-waiting = czeka
flag-ok = ok
trace-title = Śledzenie: { $item } { $lot }
trace-untracked = (bez partii)
trace-unknown-lot = (nieznana partia)
trace-on-hand = Na stanie
trace-on-hand-none = Na stanie: nic (zużyte lub wysłane)
trace-made-from = Zrobione z: partie komponentów zużyte przez zlecenia, które je zrobiły
trace-made-from-none = Zrobione z: brak śledzonych partii komponentów
trace-went-into = Weszło do: co zrobiły zlecenia, które je zużyły
trace-went-into-none = Weszło do: nic jeszcze z tego nie zrobiono
prompt-apply-cancel = Enter: zastosuj   Esc: anuluj
prompt-apply-back = Enter: zastosuj   Esc: wstecz
pick-none = nic na liście nie pasuje; Enter bierze wpisane
pick-more = … razem { $count }; pisz, aby zawęzić
report-short-title = { $order } · { $item } · ilość { $qty }
## The report screen at the machine: lots named for a line, on hand apart from expired lots
report-line-lots = { $count } partie
report-line-serials = { $count } nr ser.
footer-more = więcej
report-expired-apart = (+{ $qty } przeterm.)
choice-lot-expired = {" "}· przeterminowana

## Report keys: by hand, lots, the finished lot, serials marked
hint-by-hand = ręcznie
hint-lots = partie
hint-fg-lot = partia WG
key-mark-serial = zaznacz lub odznacz wybrany numer seryjny
hint-mark = zaznacz
key-take-marked = weź zaznaczone numery seryjne, inaczej wybrany
hint-take = weź
key-previous-serial = poprzedni numer seryjny
key-next-serial = następny numer seryjny

## The last English words: confirmations of quitting, leaving, cancelling and reversing
quit-title = Wyjść?
quit-unposted = Edytowany raport nie jest zaksięgowany.
quit-lose = Wyjść i go utracić?
leave-report-title = Opuścić raport?
leave-report-unposted = Nie jest zaksięgowany.
leave-report-lose = Opuścić i go utracić?
cancel-deferred-title = Anulować tę odłożoną pozycję?
cancel-deferred-line = #{ $id }: { $qty } { $item } w { $location } dla zlecenia { $order } (raport { $report }, pozycja { $line }).
cancel-deferred-note = Program jej nie wyda; wydaj ręcznie, jeśli zużyto.
reverse-already = raport { $report } jest już wycofany
reverse-reason-prompt = Powód wycofania raportu { $report } ({ $order } op { $operation })
reverse-needs-reason = wycofanie wymaga powodu
reverse-what = Raport { $report } z { $when }, { $user }: zlecenie { $order } ({ $item }), operacja { $operation }.
reverse-undo = Cofnąć { $good } dobre i { $scrap } braki: każda wydana pozycja wraca, przyjęcie i robocizna są wycofane, odłożone pozycje anulowane.
reverse-reason = Powód: { $reason }
reverse-ask = Wycofać?
reverse-title = Wycofać raport { $report }?

## The last English words: a trace's prompts, a line's refusals, a count's title
not-posted-title = Nie zaksięgowano
counted-title = Policzono
trace-item-prompt = Śledź partię: który indeks? (skanuj lub wybierz)
trace-item-needed = zeskanuj lub wybierz indeks
trace-no-lots = magazyn nigdy nie miał partii { $item }
trace-lot-before-lots = nieznana partia (zapas sprzed prowadzenia partii)
trace-lot-prompt = Którą partię { $item } śledzić? (skanuj lub wybierz)
line-backflushed = pozycja { $line } ({ $item }) jest rozliczana wstecznie: e ustawia jej ilość
line-not-tracked = pozycja { $line } ({ $item }) nie ma partii ani numerów seryjnych: nie przyjmuje partii
not-a-count-point = operacja { $operation } nie jest punktem raportowania; jej pozycje raportuje operacja { $count_point }
type-good-quantity = wpisz ilość dobrych (Tab: braki)

## The last English words: a posted report's scrap and substitute prompts
scrap-add-prompt = Braki do dodania w pozycji { $line } { $item } (ujemne: korekta)
substitute-item-prompt = Indeks wydany zamiast { $item } w pozycji { $line }
substitute-item-needed = zeskanuj lub wpisz zamiennik
substitute-return-prompt = Ile { $item } wraca (wszystkie { $issued } wydane, lub część)
substitute-qty-prompt = Ile { $item } wydano zamiast

## The last English words: staging's transfer and count prompts
transfer-from-prompt = Przenieś { $item } do { $to } z której lokalizacji?
transfer-from-needed = wpisz lokalizację źródłową
transfer-from-is-to = { $location } to cel; wybierz, skąd pochodzi
transfer-qty-prompt = Ile { $item } z { $from } do { $to }
count-qty-prompt = Policzono { $item } w { $location }
count-lot-qty-prompt = Policzono { $item } partia { $lot } w { $location }
count-lot-unknown = (nieznana)
count-lot-prompt = Którą partię { $item } liczyć w { $location }? (skanuj lub wybierz)
transfer-lots-prompt = Partie { $item } z { $from } (PARTIA lub PARTIA:ILOŚĆ,…; samo Enter: kolejność pobrania)

## The last English words: what a report will post
post-summary = Zlecenie { $order } · operacja { $operation } · dobre { $good } · braki { $scrap }
post-lines = { $issue ->
    [one] { $issue } pozycja
    [few] { $issue } pozycje
   *[other] { $issue } pozycji
} do wydania, { $deferred } odłożone, { $manual } ręczne, { $skipped } pominięte
post-short = { $count ->
    [one] { $count } pozycja
    [few] { $count } pozycje
   *[other] { $count } pozycji
} z brakiem: księgowanie zostanie odrzucone (ujemny stan = blokada)
post-receive = Przyjęcie { $qty } { $item } do { $location }
post-labor = Robocizna { $hours } h wg normy
post-warning = Ostrzeżenie: { $warning }
post-lead-more = Brygadzista musi zatwierdzić (ponad { $pct }% od planu):
post-lead-enter = Enter: brygadzista skanuje identyfikator i wpisuje PIN

## The last English words: variance title, count reason, a substitute's return, report numbers, pick details
variance-title = { $order } · { $closed }{ $item } { $description } · ilość { $qty } · postęp i odchylenie
variance-short-title = { $order } · { $closed }{ $item } · ilość { $qty } · postęp i odchylenie
count-reason-prompt = { $item } w { $location }: księgowo { $book }, policzono { $counted } = { $diff }{ $pct }. Wybierz przyczynę, aby zaksięgować
substitute-return-not-qty = { $value } to nie ilość większa od 0
substitute-return-exceeds = { $qty } to więcej niż { $issued } { $item } wydane przez linię { $line }
report-good-not-number = dobre { $value } to nie liczba
report-scrap-not-number = braki { $value } to nie liczba
choice-on-hand = { $qty } na stanie
choice-expires = ważne do { $date }
choice-expired = przeterminowane: musi zatwierdzić brygadzista
choice-unknown-lot = nieznana partia
cannot-post = nie można zaksięgować: { $why }
nothing-to-post = nic do zaksięgowania
