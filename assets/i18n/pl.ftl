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

## The report screen at the machine: lots named for a line, on hand apart from expired lots
report-line-lots = { $count } partie
report-line-serials = { $count } nr ser.
footer-more = więcej
report-expired-apart = (+{ $qty } przeterm.)
choice-lot-expired = {" "}· przeterminowana
