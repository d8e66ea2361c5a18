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

## The report screen at the machine: lots named for a line, on hand apart from expired lots
report-line-lots = { $count } Chargen
report-line-serials = { $count } Seriennr.
footer-more = mehr
report-expired-apart = (+{ $qty } abgelaufen)
choice-lot-expired = {" "}· abgelaufen
