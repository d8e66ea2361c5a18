# Die Wörter des Terminals auf Deutsch.

## Der Katalog selbst
language-name = Deutsch
decimal-separator = ,

## Rollen
role-operator = Bediener
role-lead = Schichtführer
role-handler = Logistiker
role-admin = Admin
role-integration = Schnittstelle

## Anmeldung
login-title = Anmelden
login-hint = Ausweis scannen, dann PIN eingeben.
login-badge = Ausweis
login-pin = PIN
login-demo-title = Demo-Ausweise (Sprache)

## Statuszeile
status-not-logged-in = nicht angemeldet
status-open-terminal = offenes Terminal
status-all-work-centers = alle Arbeitsplätze
status-no-work-center = kein Arbeitsplatz
status-unknown-work-center = Arbeitsplatz { $code } aus der Konfiguration gibt es nicht
status-idle-logout = abgemeldet nach Leerlauf
status-welcome = Willkommen, { $name } (angemeldet)
status-key-unbound = '{ $key }' hat hier keine Funktion; ? zeigt die Tasten

## Überlagerungen
help-title = Tasten (Esc schließt)
confirm-hint = Enter: ja   Esc: nein
close-hint = Enter: schließen

## Ablehnungen: was ein Code benennt
thing-item = Artikel
thing-location = Lagerplatz
thing-work-center = Arbeitsplatz
thing-order = Auftrag
thing-report = Rückmeldung
thing-exception = Wartende Zeile
thing-lot = Charge
thing-consumer = Abnehmer
thing-badge = Ausweis

## Ablehnungen: was eine Rolle darf
action-report = Produktion zurückmelden
action-reverse = eine Rückmeldung stornieren
action-lead-approval = eine gebuchte Zeile ändern oder eine größere Abweichung freigeben
action-handle = Bestand umlagern, zählen oder wartende Zeilen buchen
action-administer = importieren oder den Speicher anlegen
action-export-ack = einen Export bestätigen
action-backup = den Speicher sichern
action-unlock = einen Ausweis entsperren
action-issue = Material von Hand entnehmen
action-line-flag = die Retrograd-Kennung einer Auftragszeile setzen
action-cancel-exception = eine wartende Zeile stornieren
action-close = einen Auftrag abschließen
action-reopen = einen Auftrag wieder öffnen

## Ablehnungen
refused-not-found = { $thing } { $code } nicht gefunden
refused-no-line = { $owner } hat keine Zeile { $key }
refused-forbidden = { $user } ({ $role }) darf nicht { $action }; nötig ist die Rolle { $roles }
refused-needs-lead-override = { $user } darf die größere Abweichung nicht allein buchen: Zeile { $line } ({ $item }) weicht um mehr als { $pct } % vom Plan { $planned } ab; Schichtführer muss freigeben
refused-needs-lead-expired = { $user } darf keine abgelaufene Charge allein entnehmen: Zeile { $line } ({ $item }) nennt Charge { $lots }; Schichtführer muss freigeben
refused-needs-lead-undo-window = { $user } darf keine Rückmeldung allein stornieren: eigene Rückmeldungen nur { $minutes } Min. nach dem Buchen; Rückmeldung { $report } ist { $ago } Min. alt; ein Vorarbeiter muss freigeben
refused-key-used = diese Anfrage wurde schon für eine andere benutzt; neu beginnen
refused-failure = nicht möglich: { $detail }
refused-store = Speicherfehler: { $detail }
owner-report = Rückmeldung { $id }
owner-order = Auftrag { $order }
or = { $first } oder { $last }

## Ablehnungen bei der Anmeldung
auth-unknown-badge = Ausweis { $badge } ist unbekannt
auth-no-user = zuerst anmelden, um { $action }
auth-pin-missing = Ausweis { $badge } braucht die PIN
auth-wrong-pin = falsche PIN für Ausweis { $badge }; { $attempts ->
    [0] der Ausweis ist jetzt gesperrt
    [one] noch { $attempts } Versuch
   *[other] noch { $attempts } Versuche
}
auth-locked = Ausweis { $badge } ist nach zu vielen falschen PINs gesperrt bis { $until }
auth-busy = Ausweis { $badge } wird gerade woanders geprüft; gleich noch einmal versuchen
auth-wrong-pin-locked = falsche PIN für Ausweis { $badge }; der Ausweis ist jetzt gesperrt bis { $until }
auth-not-a-lead = Ausweis { $badge } ({ $role }) gehört keinem Vorarbeiter: ein Vorarbeiter oder Admin gibt frei
auth-pin-unreadable = PIN für Ausweis { $badge } nicht lesbar

## Ablehnungen bei Bestand und Rückmeldungen
refused-report-reversed = Rückmeldung { $report } ist storniert
refused-manual-line = Zeile { $line } der Rückmeldung { $report } ist eine Handentnahme; sie wurde hier nicht entnommen
refused-not-on-hand = { $needed } { $item } nötig an { $location }, nur { $on_hand } vorhanden
refused-lots-uncovered = { $item } an { $location }: die gültigen Chargen haben nur { $available }; Chargen angeben
refused-always-manual = Zeile { $line } ({ $item }) von Auftrag { $order } wird immer von Hand entnommen
refused-exception-not-open = wartende Zeile { $id } ist nicht offen
refused-order-closed = Auftrag { $order } ist abgeschlossen: keine Buchungen, bis er wieder geöffnet ist
refused-open-exceptions = Auftrag { $order } hat offene wartende Zeilen ({ $exceptions }): erst buchen oder stornieren
refused-short-needs-reason = Auftrag { $order } ist unvollständig ({ $good } von { $qty } Gutmenge): Abschluss braucht einen Grund
refused-order-not-closed = Auftrag { $order } ist nicht abgeschlossen
refused-no-terminal = das Terminal braucht einen Bildschirm
report-unknown-operation = Auftrag { $order } hat keinen Arbeitsgang { $operation }
report-not-count-point = Arbeitsgang { $operation } von Auftrag { $order } ist kein Meldepunkt; bei Arbeitsgang { $count_point } melden
report-bad-quantity = { $field } { $value }: { $problem }
report-nothing = Gutmenge und Ausschuss sind beide null; mindestens ein Stück melden
report-over-good = Arbeitsgang { $operation } von Auftrag { $order } käme auf { $after } Gutmenge, über der Grenze { $limit }
report-over-scrap = Arbeitsgang { $operation } von Auftrag { $order } käme auf { $after } Ausschuss, über der Auftragsmenge { $limit }
report-unknown-line = { $key } ist keine Materialzeile von Arbeitsgang { $operation } des Auftrags { $order }
report-ambiguous-key = Artikel { $key } steht in Zeilen { $lines }; Zeilennummer angeben
report-manual-override = Zeile { $line } ({ $item }) ist eine Handentnahme und nicht änderbar
report-two-changes = Zeile { $line } ist doppelt geändert
report-skip-with-override = Zeile { $line } ist übersprungen und zugleich geändert
report-bad-override = Zeile { $line }: { $detail }
report-blocked = zu wenig Bestand: { $lines }
report-blocked-line = Zeile { $line } { $item } fehlen { $short } an { $location }
report-too-large = die Zahlen sind zu groß; Mengen und Stückliste prüfen
report-unknown-item = unbekannter Artikel { $item }
report-unknown-work-center = unbekannter Arbeitsplatz { $work_center }

## Mengen
qty-good = Gutmenge
qty-scrap = Ausschuss
qty-hand-issue = Handentnahme
qty-override = Entnahmemenge
qty-line-scrap = Zeilenausschuss
qty-counted = gezählt
qty-return = Rückgabe
qty-substitute = Ersatz
qty-adjustment = Korrektur
qty-transfer = Umlagerung
qty-negative = darf nicht negativ sein
qty-too-large = ist zu groß (höchstens { $max })
qty-too-precise = die Einheit erlaubt { $decimals } Nachkommastellen

## Refused values: which input
field-qty = Menge
field-count = Zählmenge
field-lot = Charge
field-lots-of = Chargen von { $item }
field-reason = Grund
field-reversal-reason = Stornogrund
field-substitute = Ersatzartikel
field-substitute-qty = Ersatzmenge
field-return-qty = Rückgabemenge
field-scrap-adjustment = Ausschusskorrektur
field-correction = Korrektur
field-line = Zeile
field-item = Artikel
field-order = Auftrag
field-location = Lagerplatz
field-transfer-to = Umlagern nach
field-transfer-qty = Umlagermenge

## Refused values: what is wrong
refused-invalid = { $field } { $value }: { $why }
why-serial-count = eine Seriennummer von { $item } zählt 0 oder 1
why-count-differs = weicht um { $diff } vom Buchbestand { $book } ab, mehr als { $limit } %: Grund wählen
why-untracked = { $item } wird nicht nach Charge oder Seriennummer geführt
why-lot-needed = { $item } wird chargengeführt: Charge angeben
why-not-one-of = ist keiner von { $codes }
why-already-the-item = ist schon der Artikel von Zeile { $line }
why-not-positive = muss größer als null sein
why-exceeds-issued = übersteigt die { $issued }, die Zeile { $line } entnommen hat
why-nothing-issued = Rückmeldung { $report } hat kein { $item } entnommen
why-changes-nothing = ändert nichts
why-out-of-range = liegt außerhalb { $min }–{ $max }
why-same-as-from = ist der Ausgangsplatz ({ $from })
why-exceeds-scrap = übersteigt den bisherigen Ausschuss { $scrap } der Zeile { $line }; unverbrauchtes Material als Rückgabe buchen
why-not-machine = ist ein Lagerort der Art { $kind }, kein Maschinenplatz
why-not-lot-tracked = wird nicht chargengeführt: keine Chargen zu verfolgen
why-differs-in-case = passt zu { $codes }: genau wie gespeichert eingeben
why-on-lines = steht in Zeilen { $lines } von { $owner }; Zeilennummer angeben
why-non-stock = nicht möglich: { $item } ist kein Lagerartikel
why-holds-no-stock = führt keinen Bestand
why-not-a-name = muss ein Name ohne Steuerzeichen sein
why-empty = ist leer; Grund angeben
why-matches = passt zu { $orders }; mehr eingeben

## Refused reversals and transfers
refused-already-reversed = Rückmeldung { $report } ist schon storniert
refused-lot-gone = Rückmeldung { $report } nicht stornierbar: Charge { $lot } von { $item } an { $location } hat { $holds }, nicht { $wanted }
refused-transfer = Umlagerung von { $qty } { $item } ab { $from } abgelehnt: { $why }
transfer-short = dort nur { $on_hand } vorhanden

## Refused lots
report-lot = Zeile { $line } ({ $item }): { $why }
lot-untracked = nicht chargen- oder seriengeführt; keine Charge angeben
lot-manual-without-qty = eine Handentnahme nimmt Chargen nur mit der Handmenge
lot-not-at = Charge { $lot } ist nicht an { $location }
lot-not-held = Charge { $lot } hat { $holds } an { $location }, nicht { $wanted }
lot-needs-lots = rückverfolgt: Chargen oder Seriennummern angeben
lot-bad-part = { $part } ist nicht CHARGE oder CHARGE:MENGE mit Menge über 0
lot-too-many-decimals = Charge { $lot }: Menge { $qty } hat mehr als { $decimals } Nachkommastellen
lot-qty-needed = Charge { $lot } braucht eine Menge (CHARGE:MENGE), wenn mehrere genannt sind
lot-duplicate = Charge { $lot } ist doppelt genannt
lot-serial-qty = Seriennummer { $lot } nimmt Menge 1, nicht { $qty }
lot-sum = die Chargen ergeben { $total }, nicht { $expected }
lot-uncovered = die gültigen Chargen haben nur { $available }; Chargen angeben

## Closing an order
close-title = { $order } abschließen?
close-short = Teilmenge: { $good } Gutmenge von { $qty }
close-complete = Vollständig: { $good } Gutmenge von { $qty }
close-wip = WIP ausgebucht: { $amount }
close-material-usage = Materialverbrauchsabweichung: { $amount }
close-production = Fertigungsabweichung: { $amount }
close-reason-line = Grund: { $reason }
close-needs-lead = Danach Ausweis und PIN eines Vorarbeiters.
close-reason-prompt = Warum { $order } mit Teilmenge abschließen?
close-reason-empty = Grund angeben
closed-as-short = Teilmenge
closed-as-complete = vollständig
close-posted = { $order } abgeschlossen ({ $closed_as }): WIP { $wip } ausgebucht
reopen-reason-prompt = Warum { $order } wieder öffnen?
reopen-title = { $order } wieder öffnen?
reopen-line = Die Abrechnung wird storniert; der Auftrag nimmt wieder Buchungen.
reopen-posted = { $order } wieder offen: Abrechnung storniert
variance-closed = ABGESCHLOSSEN
board-ready-to-close = ✓ abschl.
## Abgelehnte Werksregeln (Konfigurationsdatei, settings.toml)
refused-config = Konfigurationsdatei { $file }: { $why }
rule-out-of-range = { $key } { $value } liegt außerhalb von { $min }–{ $max }
rule-no-reason = { $key } ist leer; mindestens einen Grundcode angeben
rule-control = { $key } enthält das Steuerzeichen { $char }; nur druckbarer Text
rule-too-long = { $key } hat { $chars } Zeichen; höchstens { $max }
rule-key-cause = { $key }: { $cause }
rule-not-a-table = [{ $section }] muss eine Tabelle sein
rule-toml = { $cause } (Zeile { $line })
rule-unknown-section = unbekannter Abschnitt [{ $section }]: nur [policy], [reasons] und [accounts]
## Tasten: Zeilen der Hilfe und Wörter der Fußzeile (Tasten, Eingaben, Rückfragen, Meldungen)
key-next-field-then-log = nächstes Feld, dann anmelden
key-switch-between-badge-and = zwischen Ausweis und PIN wechseln
key-quit = beenden
key-help-every-key-this = Hilfe: alle Tasten dieser Maske
key-help = Hilfe
key-open-order-typed-or = getippten oder gescannten Auftrag öffnen (Groß/klein egal, oder seine letzten Ziffern), sonst den gewählten
key-this-work-center-all = dieser Arbeitsplatz / alle Arbeitsplätze
key-switch-to-next-work = zum nächsten Arbeitsplatz wechseln
key-history-reports-reverse-from = Verlauf der Rückmeldungen (dort stornieren)
key-staging-what-machine-location = Bereitstellung: was der Maschinenplatz noch braucht (Logistik, Schichtführer)
key-deferred-lines-waiting-for = wartende Zeilen, die auf Bestand warten (die Klärungsliste)
key-progress-and-variance-selected = Fortschritt und Abweichung des gewählten Auftrags
key-machine-location-health-what = Zustand der Maschinenplätze: gezählter gegen verbrauchten Bestand
key-trace-lot-what-went = Charge verfolgen: was hineinging, was daraus wurde, wo sie ist
key-back-to-orders = zurück zu den Aufträgen
key-trace-another-lot = andere Charge verfolgen
key-refresh = aktualisieren
key-retry-post-every-open = erneut: jede offene Zeile buchen, die jetzt passt, älteste zuerst (Logistik, Schichtführer)
key-cancel-selected-line-lead = gewählte Zeile stornieren (Entscheidung des Schichtführers; fragt vorher)
key-refresh-list = Liste aktualisieren
key-clear-typed-order = getippten Auftrag löschen
key-report-at-selected-count = am gewählten Meldepunkt rückmelden
key-progress-and-variance-order = Fortschritt und Abweichung des Auftrags
key-back = zurück
key-move-between-good-scrap = zwischen Gutmenge, Ausschuss und den Zeilen wechseln
key-previous-field = voriges Feld
key-post-report-asks-first = Rückmeldung buchen (fragt vorher)
key-set-quantity-issued-on = entnommene Menge der gewählten Zeile setzen
key-add-component-scrap-on = Komponentenausschuss auf der gewählten Zeile erfassen
key-issue-selected-line-from = gewählte Zeile von einem anderen Lagerplatz entnehmen
key-skip-selected-line-issue = gewählte Zeile auslassen (von Hand entnehmen); nochmals zum Aufheben
key-issue-manual-line-s = Plan-Menge einer Handzeile von Hand entnehmen (dann Chargen oder Seriennummern)
key-choose-lots-or-serials = Chargen oder Seriennummern einer geführten Zeile wählen (scannen oder auswählen)
key-lot-finished-goods-go = Charge, in die die Fertigteile gehen (bei Seriennummern: ihre Seriennummern)
key-reset-selected-line-to = gewählte Zeile auf Plan zurücksetzen
key-back-asks-if-report = zurück (fragt, wenn die Rückmeldung geändert wurde)
key-reverse-selected-report-asks = gewählte Rückmeldung stornieren (fragt nach einem Grund)
key-report-s-lines-lead = Zeilen der Rückmeldung: der Schichtführer korrigiert Ausschuss oder erfasst einen Ersatz
key-adjust-scrap-on-selected = Ausschuss der gewählten Zeile korrigieren (±, mit Grundcode)
key-record-substitution-another-item = Ersatz erfassen: ein anderer Artikel statt dem dieser Zeile entnommen
key-back-to-history = zurück zum Verlauf
key-bring-selected-item-to = gewählten Artikel an seinen Maschinenplatz bringen (fragt woher; schlägt die Menge vor, höchstens den Bestand der Quelle)
key-this-work-center-s = Maschinenplatz dieses Arbeitsplatzes / alle Maschinenplätze
key-cycle-count-selected-item = gewählten Artikel am Maschinenplatz zählen (Inventur)
key-yes = ja
key-no = nein
key-apply = übernehmen
key-cancel = abbrechen
key-close = schließen
key-close-help = Hilfe schließen
key-scroll-help = Hilfe weiterblättern
key-scroll-help-back = Hilfe zurückblättern
key-next-page-keys = nächste Seite der Tasten
key-page-before = Seite davor
key-first-key = erste Taste
key-last-key = letzte Taste
key-previous-row = vorige Zeile
key-next-row = nächste Zeile
key-page-up = Seite hoch
key-page-down = Seite runter
key-first-row = erste Zeile
key-last-row = letzte Zeile
key-help-where-no-field = Hilfe, wo kein Feld Text nimmt
key-quit-asks-if-report = beenden (fragt, wenn eine Rückmeldung bearbeitet wird)
key-log-out = abmelden
hint-log-in = anmelden
hint-badge-pin = Ausweis/PIN
hint-quit = Ende
hint-help = Hilfe
hint-open = öffnen
hint-all-wcs = alle AP
hint-next-wc = nächst. AP
hint-history = Verlauf
hint-staging = Bereitst.
hint-deferred = wartend
hint-variance = Abweich.
hint-health = Zustand
hint-back = zurück
hint-trace = verfolgen
hint-retry = erneut
hint-cancel = abbrechen
hint-report = melden
hint-field = Feld
hint-post = buchen
hint-qty = Menge
hint-scrap = Ausschuss
hint-from = von
hint-skip = auslassen
hint-reset = zurücks.
hint-reverse = storno
hint-lines = Zeilen
hint-substitute = Ersatz
hint-bring = bringen
hint-all = alle
hint-count = zählen
hint-yes = ja
hint-no = nein
hint-apply = übernehmen
hint-close = schließen
hint-cancel-line = storno
lead-badge = Schichtführer muss freigeben: Ausweis des Schichtführers scannen oder tippen
marked-enough = { $needed ->
    [one] 1 Seriennummer
   *[other] { $needed } Seriennummern
} nötig, { $needed } markiert; Leertaste auf einer markierten hebt sie auf
marked-none = keine von { $needed } markiert
marked-some = { $marked } von { $needed } markiert: { $serials }
pick-hint-mark-cancel = Leertaste markieren   ↑↓ wählen   Enter: Markierte nehmen   Esc: abbrechen
pick-hint-mark-back = Leertaste markieren   ↑↓ wählen   Enter: Markierte nehmen   Esc: zurück
pick-hint-cancel = ↑↓ wählen   Enter: übernehmen   Esc: abbrechen
pick-hint-back = ↑↓ wählen   Enter: übernehmen   Esc: zurück
prompt-hint-cancel = Enter: übernehmen   Esc: abbrechen
prompt-hint-back = Enter: übernehmen   Esc: zurück
prompt-title = Wert eingeben
line-serials-title = Seriennummern für Zeile { $line } { $item }: { $total } ab { $location } (jede scannen oder mit Leertaste markieren)
line-lots-title = Chargen für Zeile { $line } { $item }: { $total } ab { $location } (CHARGE oder CHARGE:MENGE,…)
choose-its-serials = {" "}· o: Seriennummern wählen
choose-its-lots = {" "}· o: Chargen wählen
scan-or-pick-serials = Seriennummern scannen oder wählen
scan-or-pick-lot = Charge scannen oder wählen
scan-lead-badge = Ausweis des Schichtführers scannen oder tippen
lead-pin = PIN von Schichtführer { $badge }
separator-comma = Komma
separator-point = Punkt
field-other-separator = '{ $char }' nicht angenommen: Dezimalstellen mit { $separator } (tippen Sie { $example })
field-second-separator = nur ein Dezimaltrennzeichen (tippen Sie { $example })
field-no-minus = '-' nicht angenommen: diese Menge kann nicht negativ sein
field-minus-first = '-' nicht angenommen: das Minus steht vorn (tippen Sie -1)
field-not-a-digit = '{ $char }' nicht angenommen: eine Menge sind Ziffern und { $separator } ({ $example })
field-whole-number = '{ $separator }' nicht angenommen: diese Menge ist ganzzahlig
field-too-many-decimals = nicht angenommen: diese Menge hat höchstens { $decimals } Dezimalstellen
field-too-long = nicht angenommen: höchstens { $max } Zeichen
field-control = nicht angenommen: ein Steuerzeichen
line-keys-on-tab = {" "}· Tab: die Zeilentasten
not-a-number = { $value } ist keine Zahl
material-cost = geplant { $expected } · Ist { $actual } · Abweichung { $variance }
pick-order-chooses = die Entnahmereihenfolge des Werks wählt
no-work-center-to-stage = kein Arbeitsplatz zum Bereitstellen
unknown-stock-item = unbekannter Lagerartikel { $item }
unknown-location = unbekannter Lagerplatz { $location }
reversed = Rückmeldung { $report } storniert ({ $reason }): { $movements ->
    [one] 1 Bewegung
   *[other] { $movements } Bewegungen
} zurückgebucht
scrap-reason-return = Grund, { $qty } Ausschuss auf Zeile { $line } zurückzunehmen
scrap-reason-more = Grund für { $qty } mehr Ausschuss auf Zeile { $line }
scrap-adjusted = Rückmeldung { $report } Zeile { $line }: { $qty } { $item } Ausschuss korrigiert ({ $reason })
substituted = Rückmeldung { $report } Zeile { $line }: { $returned } { $returned_item } zurück, { $issued } { $issued_item } entnommen
retried = { $posted ->
    [one] 1 wartende Zeile
   *[other] { $posted } wartende Zeilen
} gebucht, { $open } warten noch
exception-cancelled = wartende Zeile #{ $id } storniert
counted-note = { $item } an { $location } gezählt { $counted }; { $posted ->
    [one] 1 wartende Zeile
   *[other] { $posted } wartende Zeilen
} gebucht
counted-book = { $item } an { $location }: Buchbestand { $book }, gezählt { $counted }.
counted-no-difference = Keine Differenz: nichts korrigiert.
counted-reason = {" "}(Grund { $reason })
counted-adjusted = Korrigiert um { $diff } { $item }{ $reason }.
counted-waiting-posted = Wartende Zeile gebucht: { $qty } { $item } für Auftrag { $order } (#{ $id }).
counted-accuracy = Zählungen, die den Buchbestand trafen: { $found } von { $counts }.
not-whole-containers = Hinweis: { $qty } sind keine ganzen Behälter zu { $multiple }
lots-named = {" "}(Chargen { $lots })
moved = { $qty } { $item } von { $from } nach { $to } umgelagert{ $lots }; { $posted ->
    [one] 1 wartende Zeile
   *[other] { $posted } wartende Zeilen
} gebucht
takes-expired = Zeile { $line } { $item } nimmt { $expired }
expired-named = { $count ->
    [one] abgelaufene Charge
   *[other] abgelaufene Chargen
} { $lots }
lead-must-approve = Schichtführer muss freigeben:
manual-not-issued = { $count ->
    [one] 1 Handzeile
   *[other] { $count } Handzeilen
} nicht entnommen: { $lines }
post-manual-unissued = Ohne die Handzeilen buchen?
manual-unissued-nothing = Für sie wird mit dieser Rückmeldung nichts entnommen.
manual-unissued-back = Esc: zurück zur Rückmeldung, dort entnimmt a oder e eine Zeile von Hand.
confirm-substitute = Diesen Ersatz erfassen?
substitute-goes-back = Zeile { $line } { $own }: { $returned } { $own } gehen ins Lager zurück,
substitute-issued = { $issued } { $item } werden stattdessen entnommen.
confirm-transfer = Diesen Bestand umlagern?
transfer-question = { $qty } { $item } von { $from } nach { $to } umlagern{ $lots }.
finished-lot-title = Charge für die erhaltenen { $item } (leer: { $order }, die Auftragsnummer)
finished-serials-title = Seriennummern der { $good } erhaltenen { $item }: jede scannen oder S1,S2,… tippen
finished-untracked = { $item } ist nicht chargen- oder seriengeführt: Zugang ohne Charge
nothing-received = diese Rückmeldung bucht keine Fertigteile zu (das tut Gutmenge am letzten Arbeitsgang)
receive-into = Zugang { $qty } → { $location }
receive-into-lot = Zugang { $qty } → { $location } Charge { $lots }
receive-into-serials = Zugang { $qty } → { $location } Seriennummern { $lots }
report-posted = Rückmeldung { $report } für Auftrag { $order } gebucht ({ $deferred ->
    [one] 1 Zeile
   *[other] { $deferred } Zeilen
} wartend)
posted-report = Rückmeldung { $report } für Auftrag { $order } gebucht.
posted-already = (Sie war schon gebucht; nichts wurde doppelt gebucht.)
posted-short-item = {" "}{ $item } ({ $short } fehlen)
posted-line-waits = Zeile { $line }{ $item } wartet in der Klärungsliste auf Bestand (#{ $id }).
posted-material-so-far = Material des Auftrags bisher: { $cost }
lines-waiting = { $count } wartend
another-work-centers-order = { $order } ist ein Auftrag von Arbeitsplatz { $theirs }, nicht von { $ours }
at-work-center = {" "}· an { $work_center }
report-summary = {" "}Arbeit { $hours } h · Arbeit + Gemeinkosten { $labor } · { $receipt } · Material Plan { $expected } / Ist { $actual }
more-above = ↑ { $count } weitere
more-below = ↓ { $count } weitere
action-move-or-count = Bestand umlagern oder zählen
prompt-qty-by-hand = Menge von Hand entnommen, Zeile { $line } { $item }
prompt-qty-to-issue = Menge zu entnehmen, Zeile { $line } { $item }
prompt-line-scrap = Zusätzlicher Zeilenausschuss, Zeile { $line } { $item }
prompt-issue-location = Entnahmeplatz, Zeile { $line } { $item }
prompt-why-skipped = Warum wurde Zeile { $line } { $item } ausgelassen? Grund wählen
prompt-why-changed = Warum wurde Zeile { $line } { $item } geändert? Grund wählen
pick-or-type-location = Lagerplatz wählen oder tippen
confirm-post = Diese Rückmeldung buchen?

## Closing an order: keys
key-close-order = Auftrag abschließen: WIP auf die Abweichungskonten (Vorarbeiter; fragt zuerst)
key-reopen-order = abgeschlossenen Auftrag wieder öffnen (Vorarbeiter, mit Grund; fragt zuerst)
hint-close-order = abschließen
hint-reopen-order = öffnen
## The views: titles, column headers, row words and the explanation (short forms: a
## column's header fits its width in every language)
col-order = Auftrag
col-work-center = Arb.pl.
col-item = Artikel
col-description = Bezeichnung
col-qty = Menge
col-good = Gut
col-scrap = Aussch.
col-left = Rest
col-due = Termin
col-status = Status
col-can-build = Machbar
col-op = Vg.
col-count-point = Meldepunkt
col-materials = Material
col-line = Zeile
col-from = Von
col-on-hand = Bestand
col-planned = Plan
col-issue = Entnahme
col-uom = ME
col-id = Nr.
col-when = Wann
col-user = Benutzer
col-state = Stand
col-issued = Entnommen
col-posted-as = Gebucht
col-substitute = Ersatz
col-reason = Grund
col-loc = Platz
col-min-max = Min–Max
col-need = Bedarf
col-bring = Bringen
col-days = Tage
col-stock-of-max = Bestand von Max
col-stock = Füllgrad
col-orders = Auftr.
col-deferred = Wartet seit
col-short-now = Fehlt jetzt
col-std = Soll
col-actual = Ist
col-pending = Offen
col-var = Abw.
col-cost = Kosten
col-location = Platz
col-backflushed = Retrogr.
col-by-hand = Hand
col-count-adjusted = Zähl ±
col-discrepancy = Abw.
col-accurate = Genau
col-waiting = Wartet
col-flag = Hinweis
col-level = Stufe
col-order-or-location = Auftr./Platz
col-lot = Charge
orders-title = Aufträge ({ $count })
orders-scan-hint = Auftrag scannen oder tippen (auch Endziffern), Enter · F1 Tasten
orders-typed = Auftrag:
orders-typed-hint = Enter öffnet · Esc löscht
orders-no-match = Kein Auftrag hier passt; Enter sucht in allen Arbeitsplätzen.
orders-no-plant = Noch kein Werk im Speicher. Mit `backflush import DIR` importieren (siehe README) oder `backflush demo` probieren.
orders-none = Keine freigegebenen Aufträge hier. F2 zeigt alle Arbeitsplätze.
order-open = offen
order-started = begonnen
order-done = fertig
order-waiting = { $count } warten
order-title = { $order } · { $item } { $description } · Menge { $qty }
op-count-point = ● Meldepunkt
op-flushed-at = ○ gemeldet bei { $operation }
report-at-op = Meldung bei Vg. { $operation }
report-at-work-center = an { $work_center }
report-reported-here = hier gemeldet { $done } von { $qty }
report-totals-stale = Summen erscheinen wieder, sobald Gut und Ausschuss gültig sind.
report-needs-lead = Zeile { $line } { $item }{ $also } braucht den Schichtführer: { $why }. Er zeichnet beim Buchen.
report-needs-lead-also = { $count ->
    [one] (und 1 weitere Zeile)
   *[other] (und { $count } weitere Zeilen)
}
report-needs-lead-pct = mehr als { $pct } % vom Plan { $planned }
report-keeps-override = { $count ->
    [one] 1 Zeile behält
   *[other] { $count } Zeilen behalten
} die Eingabe (mit * markiert), egal wie Gut und Ausschuss sich ändern; r setzt zurück
report-no-receipt = kein Zugang
plan-ahead-of-count-point = Vorgang { $operation } erreicht { $units } Stück, vor Meldepunkt { $count_point } mit { $at }
line-issue = entnehmen
line-deferred = wartet
line-short = fehlt
line-manual = Hand
line-skipped = entfällt
line-needs-lead = Schichtf.
line-by-hand = von Hand
explain-per-unit-converted = Zeile { $line } { $item }: { $converted } → Ziel({ $units }) = { $target } { $uom } ({ $decimals } Nachkommast.); frühere Meldungen planten { $prior } → Plan { $planned }
explain-per-unit = Zeile { $line } { $item }: { $qty } je { $base } Stück, Ausschuss { $pct } % → Ziel({ $units }) = { $target } ({ $decimals } Nachkommast.); frühere Meldungen planten { $prior } → Plan { $planned }
explain-phantom = (in { $uom }, Einheiten über den Phantompfad umgerechnet)
explain-per-order-converted = Zeile { $line } { $item }: je Auftrag { $converted } → { $target } { $uom }; { $carried }
explain-per-order = Zeile { $line } { $item }: { $qty } je Auftrag, Ausschuss { $pct } % → { $target }; { $carried }
explain-carries = dies ist die erste Meldung, sie trägt es
explain-carried = eine frühere Meldung trug es
explain-manual = Handzeile: { $why }. a: Planmenge { $qty } { $uom } von Hand entnehmen{ $then }; e: andere Menge.
explain-then-lots = , dann Chargen scannen
explain-then-serials = , dann Seriennummern scannen
explain-by-hand-non-stock = Von Hand entnommen: { $qty } { $uom } (kein Lagerartikel: zum Standardpreis, ohne Platz).
explain-by-hand = Von Hand entnommen: { $qty } { $uom } von { $location }{ $lots }.
explain-issues-from = Entnahme von { $location } ({ $source }), { $on_hand } am Lager{ $short }{ $lots }.
explain-short-by = , es fehlen { $short }
explain-lots-uncovered = die gültigen Chargen dort reichen nicht
explain-choose-lots = o: Chargen wählen
explain-choose-serials = o: Seriennummern wählen
explain-unknown-lot = (unbekannt)
explain-lots = Chargen { $lots }
explain-serials = Seriennummern { $lots }
explain-fefo = FEFO: früheste Ablaufzeit zuerst
explain-fifo = FIFO: älteste zuerst
explain-named = genannt
explain-expired-skipped = abgelaufen { $lots } übersprungen
manual-order-line = ein Schichtführer stellte die Auftragszeile auf Hand
manual-bom-line = die Stücklistenzeile wird nicht retrograd entnommen
manual-item = der Artikel wird standardmäßig nicht retrograd entnommen
manual-work-center = sein Arbeitsplatz entnimmt nicht retrograd
manual-non-stock = der Artikel ist kein Lagerartikel
manual-lot-selection = der Artikel ist chargengeführt und lot_selection ist manual
manual-serial = der Artikel ist seriengeführt
source-bom = Bereitstellplatz der Stücklistenzeile
source-work-center = Maschinenplatz von Arbeitsplatz { $work_center }
source-override = Eingabe
history-title = Rückmeldungen, neueste zuerst ({ $count })
row-posted = gebucht
report-reversed = storniert
detail-title = Rückmeldung { $id } · { $order } Vg. { $operation } · Gut { $good } Ausschuss { $scrap }
detail-approved = freigegeben von { $approver }
staging-title = Bereitstellung für { $work_center } ({ $count } Artikel)
staging-title-every = Alle Maschinenplätze ({ $count } Artikel)
exceptions-title = Wartende Zeilen an { $place } ({ $count })
exceptions-every-location = allen Plätzen
exceptions-none = Hier wartet nichts auf Bestand.
exceptions-fits = geht
variance-material-cost = Materialkosten: { $cost }
variance-lines-title = Materialzeilen: Soll für die gemeldeten Stück
health-title = Maschinenplätze, letzte { $days } Tage: { $flagged } von { $count } auffällig
flag-negative = negativ
flag-discrepancy = Abweichung
flag-waiting = wartet
flag-ok = ok
trace-title = Verfolgung: { $item } { $lot }
trace-untracked = (ohne Charge)
trace-unknown-lot = (Charge unbekannt)
trace-on-hand = Bestand
trace-on-hand-none = Bestand: keiner (verbraucht oder versandt)
trace-made-from = Hergestellt aus: die Komponentenchargen, die die Aufträge verbrauchten
trace-made-from-none = Hergestellt aus: keine verfolgten Komponentenchargen
trace-went-into = Verwendet in: was die verbrauchenden Aufträge herstellten
trace-went-into-none = Verwendet in: noch nichts daraus hergestellt
prompt-apply-cancel = Enter: übernehmen   Esc: abbrechen
prompt-apply-back = Enter: übernehmen   Esc: zurück
pick-none = nichts in der Liste passt; Enter nimmt das Getippte
pick-more = … { $count } insgesamt; weiter tippen zum Eingrenzen
report-short-title = { $order } · { $item } · Menge { $qty }
## The report screen at the machine: lots named for a line, on hand apart from expired lots
report-line-lots = { $count } Chargen
report-line-serials = { $count } Seriennr.
footer-more = mehr
report-expired-apart = (+{ $qty } abgelaufen)
choice-lot-expired = {" "}· abgelaufen

## Report keys: by hand, lots, the finished lot, serials marked
hint-by-hand = von Hand
hint-lots = Chargen
hint-fg-lot = FG-Charge
key-mark-serial = markierte Seriennummer setzen oder lösen
hint-mark = markieren
key-take-marked = markierte Seriennummern übernehmen, sonst die gewählte
hint-take = übernehmen
key-previous-serial = vorige Seriennummer
key-next-serial = nächste Seriennummer

## The last English words: confirmations of quitting, leaving, cancelling and reversing
quit-title = Beenden?
quit-unposted = Die bearbeitete Rückmeldung ist nicht gebucht.
quit-lose = Beenden und verwerfen?
leave-report-title = Rückmeldung verlassen?
leave-report-unposted = Sie ist nicht gebucht.
leave-report-lose = Verlassen und verwerfen?
cancel-deferred-title = Diese offene Zeile stornieren?
cancel-deferred-line = #{ $id }: { $qty } { $item } an { $location } für Auftrag { $order } (Rückmeldung { $report }, Zeile { $line }).
cancel-deferred-note = Das Programm entnimmt sie nicht; von Hand entnehmen, falls verbraucht.
reverse-already = Rückmeldung { $report } ist schon storniert
reverse-reason-prompt = Grund für Storno der Rückmeldung { $report } ({ $order } AG { $operation })
reverse-needs-reason = ein Storno braucht einen Grund
reverse-what = Rückmeldung { $report } vom { $when } von { $user }: Auftrag { $order } ({ $item }), Arbeitsgang { $operation }.
reverse-undo = { $good } Gutmenge und { $scrap } Ausschuss zurücknehmen: jede entnommene Zeile geht zurück, Zugang und Arbeitszeit werden storniert, offene Zeilen storniert.
reverse-reason = Grund: { $reason }
reverse-ask = Stornieren?
reverse-title = Rückmeldung { $report } stornieren?

## The last English words: a trace's prompts, a line's refusals, a count's title
not-posted-title = Nicht gebucht
counted-title = Gezählt
trace-item-prompt = Charge verfolgen: welcher Artikel? (scannen oder wählen)
trace-item-needed = Artikel scannen oder wählen
trace-no-lots = das Lager hatte nie eine Charge von { $item }
trace-lot-before-lots = unbekannte Charge (Bestand von vor der Chargenführung)
trace-lot-prompt = Welche Charge von { $item } verfolgen? (scannen oder wählen)
line-backflushed = Zeile { $line } ({ $item }) wird retrograd entnommen: e setzt ihre Menge
line-not-tracked = Zeile { $line } ({ $item }) ist nicht chargen- oder seriengeführt: sie nimmt keine Chargen
not-a-count-point = Arbeitsgang { $operation } ist kein Meldepunkt; seine Zeilen werden bei Arbeitsgang { $count_point } gemeldet
type-good-quantity = Gutmenge eingeben (Tab: Ausschuss)

## The last English words: a posted report's scrap and substitute prompts
scrap-add-prompt = Ausschuss dazu auf Zeile { $line } { $item } (negativ: Korrektur)
substitute-item-prompt = Artikel entnommen statt { $item } auf Zeile { $line }
substitute-item-needed = Ersatzartikel scannen oder tippen
substitute-return-prompt = Wie viel { $item } zurück (alle { $issued } der Zeile, oder Teil)
substitute-qty-prompt = Wie viel { $item } stattdessen entnommen

## The last English words: staging's transfer and count prompts
transfer-from-prompt = { $item } nach { $to } bringen, von welchem Lagerort?
transfer-from-needed = Lagerort eingeben, von dem es kommt
transfer-from-is-to = { $location } ist das Ziel; wählen, woher es kommt
transfer-qty-prompt = Wie viel { $item } von { $from } nach { $to }
count-qty-prompt = Gezählt { $item } an { $location }
count-lot-qty-prompt = Gezählt { $item } Charge { $lot } an { $location }
count-lot-unknown = (unbekannt)
count-lot-prompt = Welche Charge von { $item } an { $location } zählen? (scannen oder wählen)
transfer-lots-prompt = Chargen von { $item } aus { $from } (CHARGE oder CHARGE:MENGE,…; nur Enter: Entnahmefolge)

## The last English words: what a report will post
post-summary = Auftrag { $order } · Arbeitsgang { $operation } · Gutmenge { $good } · Ausschuss { $scrap }
post-lines = { $issue ->
    [one] { $issue } Zeile
   *[other] { $issue } Zeilen
} zu entnehmen, { $deferred } offen, { $manual } von Hand, { $skipped } übersprungen
post-short = { $count ->
    [one] { $count } Zeile
   *[other] { $count } Zeilen
} mit Fehlmenge: die Buchung wird abgelehnt (negativer Bestand = Sperre)
post-receive = Zugang { $qty } { $item } nach { $location }
post-labor = Arbeitszeit { $hours } h nach Standard
post-warning = Warnung: { $warning }
post-lead-more = Ein Schichtführer muss freigeben (mehr als { $pct } % vom Plan):
post-lead-enter = Enter: der Schichtführer scannt den Ausweis und tippt die PIN

## The last English words: variance title, count reason, a substitute's return, report numbers, pick details
variance-title = { $order } · { $closed }{ $item } { $description } · Menge { $qty } · Fortschritt und Abweichung
variance-short-title = { $order } · { $closed }{ $item } · Menge { $qty } · Fortschritt und Abweichung
count-reason-prompt = { $item } an { $location }: Buchbestand { $book }, gezählt { $counted } = { $diff }{ $pct }. Grund wählen zum Buchen
substitute-return-not-qty = { $value } ist keine Menge über 0
substitute-return-exceeds = { $qty } ist mehr als die { $issued } { $item }, die Zeile { $line } entnommen hat
report-good-not-number = Gutmenge { $value } ist keine Zahl
report-scrap-not-number = Ausschuss { $value } ist keine Zahl
choice-on-hand = Bestand { $qty }
choice-expires = läuft ab { $date }
choice-expired = abgelaufen: Schichtführer muss freigeben
choice-unknown-lot = unbekannte Charge
cannot-post = Buchen nicht möglich: { $why }
nothing-to-post = nichts zu buchen
