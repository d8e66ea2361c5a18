# Las palabras del terminal en español.

## El catálogo
language-name = Español
decimal-separator = ,

## Roles
role-operator = operario
role-lead = jefe de turno
role-handler = abastecedor
role-admin = admin
role-integration = integración

## Acceso
login-title = Entrar
login-hint = Escanee su tarjeta y teclee su PIN.
login-badge = Tarjeta
login-pin = PIN
login-demo-title = Tarjetas de demo (idioma)

## Línea de estado
status-not-logged-in = sin sesión
status-open-terminal = terminal abierto
status-all-work-centers = todos los puestos
status-no-work-center = ningún puesto
status-unknown-work-center = el puesto { $code } de la configuración no existe
status-idle-logout = sesión cerrada por inactividad
status-welcome = bienvenido, { $name } (sesión iniciada)
status-key-unbound = '{ $key }' no hace nada aquí; ? muestra las teclas

## Ventanas
help-title = Teclas (Esc cierra)
confirm-hint = Enter: sí   Esc: no
close-hint = Enter: cerrar

## Rechazos: lo que nombra un código
thing-item = artículo
thing-location = ubicación
thing-work-center = puesto
thing-order = orden
thing-report = parte
thing-exception = línea en espera
thing-lot = lote
thing-consumer = consumidor
thing-badge = tarjeta

## Rechazos: lo que puede un rol
action-report = declarar producción
action-reverse = anular un parte
action-lead-approval = corregir una línea contabilizada o aprobar una desviación mayor
action-handle = mover stock, contarlo o reintentar líneas en espera
action-administer = importar o crear el almacén de datos
action-export-ack = confirmar una exportación
action-backup = hacer copia del almacén de datos
action-unlock = desbloquear una tarjeta
action-issue = consumir material a mano
action-line-flag = cambiar la marca de consumo automático de una línea
action-cancel-exception = cancelar una línea en espera
action-close = cerrar una orden
action-reopen = reabrir una orden

## Rechazos
refused-not-found = { $thing } { $code } no encontrado
refused-no-line = { $owner } no tiene línea { $key }
refused-forbidden = { $user } ({ $role }) no puede { $action }; hace falta el rol { $roles }
refused-needs-lead-override = { $user } no puede contabilizar solo una desviación mayor: la línea { $line } ({ $item }) difiere del plan { $planned } en más del { $pct } %; debe aprobar un jefe de turno
refused-needs-lead-expired = { $user } no puede consumir solo un lote caducado: la línea { $line } ({ $item }) nombra el lote { $lots }; debe aprobar un jefe de turno
refused-needs-lead-undo-window = { $user } no puede anular un parte solo: sus partes se anulan hasta { $minutes } min después de registrarlos; el parte { $report } tiene { $ago } min; debe aprobar un jefe
refused-key-used = esta petición ya se usó para otra; empiece de nuevo
refused-failure = no es posible: { $detail }
refused-store = error del almacén de datos: { $detail }
owner-report = parte { $id }
owner-order = orden { $order }
or = { $first } o { $last }

## Rechazos al entrar
auth-unknown-badge = la tarjeta { $badge } no es de ningún usuario
auth-no-user = entre primero para { $action }
auth-pin-missing = la tarjeta { $badge } necesita su PIN
auth-wrong-pin = PIN incorrecto para la tarjeta { $badge }; { $attempts ->
    [0] la tarjeta queda bloqueada
    [one] queda { $attempts } intento
   *[other] quedan { $attempts } intentos
}
auth-locked = la tarjeta { $badge } está bloqueada por demasiados PIN incorrectos hasta { $until }
auth-busy = la tarjeta { $badge } se está comprobando en otro sitio; inténtelo en un momento
auth-wrong-pin-locked = PIN incorrecto para la tarjeta { $badge }; la tarjeta queda bloqueada hasta las { $until }
auth-not-a-lead = la tarjeta { $badge } ({ $role }) no es de un jefe de línea: aprueba un jefe o un administrador
auth-pin-unreadable = no se puede leer el PIN de la tarjeta { $badge }

## Rechazos de stock y partes
refused-report-reversed = el parte { $report } está anulado
refused-manual-line = la línea { $line } del parte { $report } es de consumo manual; no se consumió aquí
refused-not-on-hand = hacen falta { $needed } { $item } en { $location }, solo hay { $on_hand }
refused-lots-uncovered = { $item } en { $location }: los lotes vigentes solo tienen { $available }; indique los lotes
refused-always-manual = la línea { $line } ({ $item }) de la orden { $order } se consume siempre a mano
refused-exception-not-open = la línea en espera { $id } no está abierta
refused-order-closed = la orden { $order } está cerrada: no admite movimientos hasta reabrirla
refused-open-exceptions = la orden { $order } tiene líneas en espera ({ $exceptions }): contabilícelas o cancélelas antes
refused-short-needs-reason = la orden { $order } está incompleta ({ $good } de { $qty } buenas): cerrarla así necesita un motivo
refused-order-not-closed = la orden { $order } no está cerrada
refused-no-terminal = el terminal necesita una pantalla
report-unknown-operation = la orden { $order } no tiene operación { $operation }
report-not-count-point = la operación { $operation } de la orden { $order } no es punto de declaración; declare en la operación { $count_point }
report-bad-quantity = { $field } { $value }: { $problem }
report-nothing = buena y desecho son cero; declare al menos una unidad
report-over-good = la operación { $operation } de la orden { $order } llegaría a { $after } buenas, más del límite { $limit }
report-over-scrap = la operación { $operation } de la orden { $order } llegaría a { $after } de desecho, más de la cantidad de la orden { $limit }
report-unknown-line = { $key } no es una línea de material de la operación { $operation } de la orden { $order }
report-ambiguous-key = el artículo { $key } está en las líneas { $lines }; indique el número de línea
report-manual-override = la línea { $line } ({ $item }) es de consumo manual y no se puede cambiar
report-two-changes = la línea { $line } está cambiada dos veces
report-skip-with-override = la línea { $line } está omitida y también cambiada
report-bad-override = línea { $line }: { $detail }
report-blocked = no hay stock suficiente: { $lines }
report-blocked-line = línea { $line } { $item } faltan { $short } en { $location }
report-too-large = los números son demasiado grandes; revise las cantidades y la lista de materiales
report-unknown-item = artículo desconocido { $item }
report-unknown-work-center = puesto desconocido { $work_center }

## Cantidades
qty-good = buena
qty-scrap = desecho
qty-hand-issue = consumo manual
qty-override = cantidad a consumir
qty-line-scrap = desecho de línea
qty-counted = contado
qty-return = devolución
qty-substitute = sustituto
qty-adjustment = ajuste
qty-transfer = traslado
qty-negative = no puede ser negativa
qty-too-large = es demasiado grande (máximo { $max })
qty-too-precise = la unidad admite { $decimals } decimales

## Refused values: which input
field-qty = cantidad
field-count = recuento
field-lot = lote
field-lots-of = lotes de { $item }
field-reason = motivo
field-reversal-reason = motivo de anulación
field-substitute = sustituto
field-substitute-qty = cantidad del sustituto
field-return-qty = cantidad devuelta
field-scrap-adjustment = ajuste de desecho
field-correction = corrección
field-line = línea
field-item = artículo
field-order = orden
field-location = ubicación
field-transfer-to = trasladar a
field-transfer-qty = cantidad a trasladar

## Refused values: what is wrong
refused-invalid = { $field } { $value }: { $why }
why-serial-count = un número de serie de { $item } cuenta 0 o 1
why-count-differs = difiere del stock contable { $book } en { $diff }, más del { $limit } %: elija un motivo
why-untracked = { $item } no se controla por lote ni por serie
why-lot-needed = { $item } se controla: indique su lote
why-not-one-of = no es ninguno de { $codes }
why-already-the-item = ya es el artículo de la línea { $line }
why-not-positive = debe ser mayor que cero
why-exceeds-issued = supera los { $issued } consumidos en la línea { $line }
why-nothing-issued = el parte { $report } no consumió { $item }
why-changes-nothing = no cambia nada
why-out-of-range = está fuera de { $min }–{ $max }
why-same-as-from = es el origen ({ $from })
why-exceeds-scrap = supera el desecho { $scrap } de la línea { $line } hasta ahora; el material no usado vuelve como devolución
why-not-machine = es una ubicación de tipo { $kind }, no de máquina
why-not-lot-tracked = no se controla por lote: no hay lotes que rastrear
why-differs-in-case = coincide con { $codes }: escríbalo tal como está guardado
why-on-lines = está en las líneas { $lines } de { $owner }; indique el número de línea
why-non-stock = no aplica: { $item } no es de stock
why-holds-no-stock = no tiene stock
why-not-a-name = debe ser un nombre sin caracteres de control
why-empty = está vacío; indique un motivo
why-matches = coincide con { $orders }; teclee más

## Refused reversals and transfers
refused-already-reversed = el parte { $report } ya está anulado
refused-lot-gone = el parte { $report } no se puede anular: el lote { $lot } de { $item } en { $location } tiene { $holds }, no { $wanted }
refused-transfer = traslado de { $qty } { $item } desde { $from } rechazado: { $why }
transfer-short = allí solo hay { $on_hand }

## Refused lots
report-lot = línea { $line } ({ $item }): { $why }
lot-untracked = no se controla por lote ni serie; no lleva lote
lot-manual-without-qty = una línea manual lleva lotes solo con la cantidad consumida a mano
lot-not-at = el lote { $lot } no está en { $location }
lot-not-held = el lote { $lot } tiene { $holds } en { $location }, no { $wanted }
lot-needs-lots = con trazabilidad: indique los lotes o series
lot-bad-part = { $part } no es LOTE o LOTE:CANT con cantidad mayor que 0
lot-too-many-decimals = lote { $lot }: la cantidad { $qty } tiene más de { $decimals } decimales
lot-qty-needed = el lote { $lot } necesita cantidad (LOTE:CANT) si se nombran varios
lot-duplicate = el lote { $lot } está dos veces
lot-serial-qty = la serie { $lot } lleva cantidad 1, no { $qty }
lot-sum = los lotes suman { $total }, no { $expected }
lot-uncovered = los lotes vigentes solo tienen { $available }; indique los lotes

## Closing an order
close-title = ¿Cerrar { $order }?
close-short = Incompleta: { $good } buenas de { $qty }
close-complete = Completa: { $good } buenas de { $qty }
close-wip = WIP liquidado: { $amount }
close-material-usage = Desviación de consumo de material: { $amount }
close-production = Desviación de producción: { $amount }
close-reason-line = Motivo: { $reason }
close-needs-lead = Después, la tarjeta y el PIN de un jefe.
close-reason-prompt = ¿Por qué cerrar { $order } incompleta?
close-reason-empty = indique un motivo
closed-as-short = incompleta
closed-as-complete = completa
close-posted = { $order } cerrada ({ $closed_as }): WIP { $wip } liquidado
reopen-reason-prompt = ¿Por qué reabrir { $order }?
reopen-title = ¿Reabrir { $order }?
reopen-line = Se anula su liquidación; vuelve a aceptar registros.
reopen-posted = { $order } reabierta: liquidación anulada
variance-closed = CERRADA
board-ready-to-close = ✓ cerrar
## Reglas de planta rechazadas (archivo de configuración, settings.toml)
refused-config = archivo de configuración { $file }: { $why }
rule-out-of-range = { $key } { $value } está fuera de su rango { $min }–{ $max }
rule-no-reason = { $key } está vacío; indique al menos un código de motivo
rule-control = { $key } contiene el carácter de control { $char }; use texto imprimible
rule-too-long = { $key } tiene { $chars } caracteres; máximo { $max }
rule-key-cause = { $key }: { $cause }
rule-not-a-table = [{ $section }] debe ser una tabla
rule-toml = { $cause } (línea { $line })
rule-unknown-section = sección desconocida [{ $section }]: solo [policy], [reasons] y [accounts]
## Teclas: líneas de la ayuda y palabras del pie (teclas, preguntas, confirmaciones y mensajes)
key-next-field-then-log = campo siguiente, luego entrar
key-switch-between-badge-and = cambiar entre tarjeta y PIN
key-quit = salir
key-help-every-key-this = ayuda: todas las teclas de esta pantalla
key-help = ayuda
key-open-order-typed-or = abrir la orden tecleada o escaneada (mayúsculas o no, o sus últimos dígitos), si no la seleccionada
key-this-work-center-all = este puesto / todos los puestos
key-switch-to-next-work = pasar al puesto siguiente
key-history-reports-reverse-from = historial de partes (anular desde allí)
key-staging-what-machine-location = aprovisionamiento: lo que aún necesita la ubicación de máquina (logística, jefes de turno)
key-deferred-lines-waiting-for = líneas en espera de stock (la cola de excepciones)
key-progress-and-variance-selected = avance y desviación de la orden seleccionada
key-machine-location-health-what = estado de las ubicaciones de máquina: lo contado frente a lo consumido
key-trace-lot-what-went = rastrear un lote: qué entró, qué se hizo con él, dónde está
key-back-to-orders = volver a las órdenes
key-trace-another-lot = rastrear otro lote
key-refresh = actualizar
key-retry-post-every-open = reintentar: contabilizar cada línea abierta que ya cabe, la más antigua primero (logística, jefes de turno)
key-cancel-selected-line-lead = cancelar la línea seleccionada (decide el jefe de turno; pregunta antes)
key-refresh-list = actualizar la lista
key-clear-typed-order = borrar la orden tecleada
key-report-at-selected-count = declarar en el punto de conteo seleccionado
key-progress-and-variance-order = avance y desviación de la orden
key-back = volver
key-move-between-good-scrap = pasar entre buena, desecho y las líneas
key-previous-field = campo anterior
key-post-report-asks-first = contabilizar el parte (pregunta antes)
key-set-quantity-issued-on = fijar la cantidad consumida de la línea seleccionada
key-add-component-scrap-on = añadir desecho de componente en la línea seleccionada
key-issue-selected-line-from = consumir la línea seleccionada desde otra ubicación
key-skip-selected-line-issue = omitir la línea seleccionada (consumo a mano); otra vez para deshacer
key-issue-manual-line-s = consumir a mano la cantidad prevista de una línea manual (luego lotes o series)
key-choose-lots-or-serials = elegir los lotes o series de una línea trazada (escanear o elegir)
key-lot-finished-goods-go = el lote al que va el producto terminado (artículo con serie: sus series)
key-reset-selected-line-to = devolver la línea seleccionada a lo previsto
key-back-asks-if-report = volver (pregunta si el parte se modificó)
key-reverse-selected-report-asks = anular el parte seleccionado (pide un motivo)
key-report-s-lines-lead = las líneas del parte: el jefe de turno corrige desecho o registra un sustituto
key-adjust-scrap-on-selected = ajustar el desecho de la línea seleccionada (±, con código de motivo)
key-record-substitution-another-item = registrar un sustituto: otro artículo consumido en lugar del de esta línea
key-back-to-history = volver al historial
key-bring-selected-item-to = llevar el artículo seleccionado a su ubicación de máquina (pregunta de dónde; propone cuánto, como máximo lo que tiene el origen)
key-this-work-center-s = la ubicación de máquina de este puesto / todas
key-cycle-count-selected-item = contar el artículo seleccionado en la ubicación de máquina
key-yes = sí
key-no = no
key-apply = aplicar
key-cancel = cancelar
key-close = cerrar
key-close-help = cerrar la ayuda
key-scroll-help = avanzar la ayuda
key-scroll-help-back = retroceder la ayuda
key-next-page-keys = la página siguiente de teclas
key-page-before = la página anterior
key-first-key = la primera tecla
key-last-key = la última tecla
key-previous-row = fila anterior
key-next-row = fila siguiente
key-page-up = página arriba
key-page-down = página abajo
key-first-row = primera fila
key-last-row = última fila
key-help-where-no-field = ayuda, donde ningún campo recibe texto
key-quit-asks-if-report = salir (pregunta si se está editando un parte)
key-log-out = cerrar sesión
hint-log-in = entrar
hint-badge-pin = tarjeta/PIN
hint-quit = salir
hint-help = ayuda
hint-open = abrir
hint-all-wcs = todos
hint-next-wc = sig. puesto
hint-history = historial
hint-staging = aprovis.
hint-deferred = en espera
hint-variance = desviación
hint-health = estado
hint-back = volver
hint-trace = rastrear
hint-retry = reintentar
hint-cancel = cancelar
hint-report = declarar
hint-field = campo
hint-post = contabilizar
hint-qty = cant.
hint-scrap = desecho
hint-from = desde
hint-skip = omitir
hint-reset = reponer
hint-reverse = anular
hint-lines = líneas
hint-substitute = sustituto
hint-bring = llevar
hint-all = todas
hint-count = contar
hint-yes = sí
hint-no = no
hint-apply = aplicar
hint-close = cerrar
hint-cancel-line = anular
lead-badge = Debe aprobar un jefe de turno: escanee o teclee la tarjeta del jefe
marked-enough = { $needed ->
    [one] 1 serie necesaria
   *[other] { $needed } series necesarias
}, { $needed } marcadas; Espacio sobre una marcada la desmarca
marked-none = ninguna de { $needed } marcada
marked-some = { $marked } de { $needed } marcadas: { $serials }
pick-hint-mark-cancel = Espacio marcar   ↑↓ elegir   Enter: tomar las marcadas   Esc: cancelar
pick-hint-mark-back = Espacio marcar   ↑↓ elegir   Enter: tomar las marcadas   Esc: volver
pick-hint-cancel = ↑↓ elegir   Enter: aplicar   Esc: cancelar
pick-hint-back = ↑↓ elegir   Enter: aplicar   Esc: volver
prompt-hint-cancel = Enter: aplicar   Esc: cancelar
prompt-hint-back = Enter: aplicar   Esc: volver
prompt-title = Introduzca un valor
line-serials-title = Series para la línea { $line } { $item }: { $total } desde { $location } (escanee cada una o márquelas con Espacio)
line-lots-title = Lotes para la línea { $line } { $item }: { $total } desde { $location } (LOTE o LOTE:CANT,…)
choose-its-serials = {" "}· o: elegir sus series
choose-its-lots = {" "}· o: elegir sus lotes
scan-or-pick-serials = escanee o elija sus series
scan-or-pick-lot = escanee o elija un lote
scan-lead-badge = escanee o teclee la tarjeta del jefe de turno
lead-pin = PIN del jefe { $badge }
separator-comma = coma
separator-point = punto
field-other-separator = '{ $char }' no admitido: los decimales llevan { $separator } (teclee { $example })
field-second-separator = solo un separador decimal (teclee { $example })
field-no-minus = '-' no admitido: esta cantidad no puede ser negativa
field-minus-first = '-' no admitido: el signo menos va primero (teclee -1)
field-not-a-digit = '{ $char }' no admitido: una cantidad son dígitos y { $separator } ({ $example })
field-whole-number = '{ $separator }' no admitido: esta cantidad es entera
field-too-many-decimals = no admitido: esta cantidad tiene como máximo { $decimals } decimales
field-too-long = no admitido: como máximo { $max } caracteres
field-control = no admitido: un carácter de control
line-keys-on-tab = {" "}· Tab: las teclas de línea
not-a-number = { $value } no es un número
material-cost = previsto { $expected } · real { $actual } · desviación { $variance }
pick-order-chooses = decide el orden de picking de la planta
no-work-center-to-stage = ningún puesto que aprovisionar
unknown-stock-item = artículo de stock desconocido { $item }
unknown-location = ubicación desconocida { $location }
reversed = parte { $report } anulado ({ $reason }): { $movements ->
    [one] 1 movimiento devuelto
   *[other] { $movements } movimientos devueltos
}
scrap-reason-return = Motivo para devolver { $qty } de desecho en la línea { $line }
scrap-reason-more = Motivo de { $qty } más de desecho en la línea { $line }
scrap-adjusted = parte { $report } línea { $line }: desecho de { $qty } { $item } ajustado ({ $reason })
substituted = parte { $report } línea { $line }: { $returned } { $returned_item } devueltos, { $issued } { $issued_item } consumidos
retried = { $posted ->
    [one] 1 línea en espera contabilizada
   *[other] { $posted } líneas en espera contabilizadas
}, { $open } aún esperan
exception-cancelled = línea en espera #{ $id } cancelada
counted-note = { $item } en { $location } contado { $counted }; { $posted ->
    [one] 1 línea en espera contabilizada
   *[other] { $posted } líneas en espera contabilizadas
}
counted-book = { $item } en { $location }: libro { $book }, contado { $counted }.
counted-no-difference = Sin diferencia: nada ajustado.
counted-reason = {" "}(motivo { $reason })
counted-adjusted = Ajustado en { $diff } { $item }{ $reason }.
counted-waiting-posted = Línea en espera contabilizada: { $qty } { $item } para la orden { $order } (#{ $id }).
counted-accuracy = Recuentos que coincidieron con el libro: { $found } de { $counts }.
not-whole-containers = nota: { $qty } no son contenedores enteros de { $multiple }
lots-named = {" "}(lotes { $lots })
moved = movidos { $qty } { $item } de { $from } a { $to }{ $lots }; { $posted ->
    [one] 1 línea en espera contabilizada
   *[other] { $posted } líneas en espera contabilizadas
}
takes-expired = La línea { $line } { $item } toma { $expired }
expired-named = { $count ->
    [one] lote caducado
   *[other] lotes caducados
} { $lots }
lead-must-approve = Debe aprobar un jefe de turno:
manual-not-issued = { $count ->
    [one] 1 línea manual sin consumir
   *[other] { $count } líneas manuales sin consumir
}: { $lines }
post-manual-unissued = ¿Contabilizar sin las líneas manuales?
manual-unissued-nothing = Con este parte no se consume nada para ellas.
manual-unissued-back = Esc: volver al parte, donde a o e consume una línea a mano.
confirm-substitute = ¿Registrar este sustituto?
substitute-goes-back = Línea { $line } { $own }: { $returned } { $own } vuelven al stock,
substitute-issued = { $issued } { $item } se consumen en su lugar.
confirm-transfer = ¿Mover este stock?
transfer-question = Mover { $qty } { $item } de { $from } a { $to }{ $lots }.
finished-lot-title = Lote al que van los { $item } recibidos (vacío: { $order }, el número de orden)
finished-serials-title = Series de los { $good } { $item } recibidos: escanee cada una o teclee S1,S2,…
finished-untracked = { $item } no lleva lote ni serie: se recibe sin lote
nothing-received = este parte no recibe producto terminado (lo hacen las buenas en la última operación)
receive-into = recibir { $qty } → { $location }
receive-into-lot = recibir { $qty } → { $location } lote { $lots }
receive-into-serials = recibir { $qty } → { $location } series { $lots }
report-posted = parte { $report } contabilizado para la orden { $order } ({ $deferred ->
    [one] 1 línea en espera
   *[other] { $deferred } líneas en espera
})
posted-report = Parte { $report } contabilizado para la orden { $order }.
posted-already = (Ya estaba contabilizado; nada se contabilizó dos veces.)
posted-short-item = {" "}{ $item } (faltan { $short })
posted-line-waits = La línea { $line }{ $item } espera stock en la cola de excepciones (#{ $id }).
posted-material-so-far = Material de la orden hasta ahora: { $cost }
lines-waiting = { $count } en espera
another-work-centers-order = { $order } es una orden del puesto { $theirs }, no de { $ours }
at-work-center = {" "}· en { $work_center }
report-summary = {" "}Mano de obra { $hours } h · MO + gastos { $labor } · { $receipt } · material std { $expected } / real { $actual }
more-above = ↑ { $count } más
more-below = ↓ { $count } más
action-move-or-count = mover o contar stock
prompt-qty-by-hand = Cantidad consumida a mano, línea { $line } { $item }
prompt-qty-to-issue = Cantidad a consumir, línea { $line } { $item }
prompt-line-scrap = Desecho de línea adicional, línea { $line } { $item }
prompt-issue-location = Ubicación de consumo, línea { $line } { $item }
prompt-why-skipped = ¿Por qué se omitió la línea { $line } { $item }? Elija un motivo
prompt-why-changed = ¿Por qué se cambió la línea { $line } { $item }? Elija un motivo
pick-or-type-location = elija o teclee una ubicación
confirm-post = ¿Contabilizar este parte?

## Closing an order: keys
key-close-order = cerrar la orden: su WIP a las cuentas de desviación (jefe; pregunta antes)
key-reopen-order = reabrir una orden cerrada (jefe, con motivo; pregunta antes)
hint-close-order = cerrar
hint-reopen-order = reabrir
## The views: titles, column headers, row words and the explanation (short forms: a
## column's header fits its width in every language)
col-order = Orden
col-work-center = Puesto
col-item = Artículo
col-description = Descripción
col-qty = Cant.
col-good = Buena
col-scrap = Desecho
col-left = Falta
col-due = Fecha
col-status = Estado
col-can-build = Posibles
col-op = Op.
col-count-point = Punto de parte
col-materials = Material
col-line = Línea
col-from = Desde
col-on-hand = Stock
col-planned = Plan
col-issue = Consumo
col-uom = UM
col-id = Nº
col-when = Cuándo
col-user = Usuario
col-state = Estado
col-issued = Consumido
col-posted-as = Registro
col-substitute = Sustituto
col-reason = Motivo
col-loc = Ubic.
col-min-max = Mín–máx
col-need = Necesita
col-bring = Traer
col-days = Días
col-stock-of-max = Stock sobre máx
col-stock = Stock
col-orders = Órdenes
col-deferred = En espera
col-short-now = Falta ya
col-std = Estándar
col-actual = Real
col-pending = Pendte.
col-var = Desv.
col-cost = Coste
col-location = Ubic.
col-backflushed = Retro.
col-by-hand = Manual
col-count-adjusted = Cont. ±
col-discrepancy = Desv.
col-accurate = Exactos
col-waiting = Espera
col-flag = Aviso
col-level = Nivel
col-order-or-location = Orden/ubic.
col-lot = Lote
orders-title = Órdenes ({ $count })
orders-scan-hint = Escanee o teclee una orden (o sus últimos dígitos) y Enter · F1 teclas
orders-typed = Orden:
orders-typed-hint = Enter la abre · Esc borra
orders-no-match = Ninguna orden de este tablero coincide; Enter la busca en todos los puestos.
orders-no-plant = Este almacén aún no tiene planta. Importe una con `backflush import DIR` (vea el README) o pruebe `backflush demo`.
orders-none = No hay órdenes liberadas aquí. F2 muestra todos los puestos.
order-open = abierta
order-started = iniciada
order-done = hecha
order-waiting = { $count } espera
order-title = { $order } · { $item } { $description } · cant. { $qty }
op-count-point = ● punto de parte
op-flushed-at = ○ consumo en { $operation }
report-at-op = parte en op. { $operation }
report-at-work-center = en { $work_center }
report-reported-here = informado aquí { $done } de { $qty }
report-totals-stale = Los totales vuelven cuando buena y desecho sean válidos.
report-needs-lead = Línea { $line } { $item }{ $also } necesita al jefe de turno: { $why }. Firma al registrar.
report-needs-lead-also = { $count ->
    [one] (y 1 línea más)
   *[other] (y { $count } líneas más)
}
report-needs-lead-pct = más del { $pct } % sobre el plan { $planned }
report-keeps-override = { $count ->
    [one] 1 línea mantiene
   *[other] { $count } líneas mantienen
} su cantidad (marcada *) aunque cambien buena y desecho; r la repone
report-no-receipt = sin entrada
plan-ahead-of-count-point = la operación { $operation } llega a { $units } unidades, por delante del punto de parte { $count_point } con { $at }
line-issue = consumir
line-deferred = en espera
line-short = falta
line-manual = manual
line-skipped = omitida
line-needs-lead = jefe turno
line-by-hand = a mano
explain-per-unit-converted = Línea { $line } { $item }: { $converted } → objetivo({ $units }) = { $target } { $uom } ({ $decimals } decimales); partes anteriores planificaron { $prior } → plan { $planned }
explain-per-unit = Línea { $line } { $item }: { $qty } por { $base } unidades, desecho { $pct } % → objetivo({ $units }) = { $target } ({ $decimals } decimales); partes anteriores planificaron { $prior } → plan { $planned }
explain-phantom = (en { $uom }, unidades convertidas por la ruta fantasma)
explain-per-order-converted = Línea { $line } { $item }: por orden { $converted } → { $target } { $uom }; { $carried }
explain-per-order = Línea { $line } { $item }: { $qty } por orden, desecho { $pct } % → { $target }; { $carried }
explain-carries = es el primer parte, lo lleva
explain-carried = un parte anterior lo llevó
explain-manual = Línea manual: { $why }. a: consumir a mano el plan { $qty } { $uom }{ $then }; e: otra cantidad.
explain-then-lots = , luego escanee sus lotes
explain-then-serials = , luego escanee sus series
explain-by-hand-non-stock = Consumido a mano: { $qty } { $uom } (sin stock: a coste estándar, sin ubicación).
explain-by-hand = Consumido a mano: { $qty } { $uom } desde { $location }{ $lots }.
explain-issues-from = Consume desde { $location } ({ $source }), { $on_hand } en stock{ $short }{ $lots }.
explain-short-by = , faltan { $short }
explain-lots-uncovered = los lotes vigentes allí no alcanzan
explain-choose-lots = o: elegir sus lotes
explain-choose-serials = o: elegir sus series
explain-unknown-lot = (desconocido)
explain-lots = lotes { $lots }
explain-serials = series { $lots }
explain-fefo = FEFO: primero el que caduca antes
explain-fifo = FIFO: primero el más antiguo
explain-named = indicados
explain-expired-skipped = caducados { $lots } omitidos
manual-order-line = un jefe de turno puso la línea de la orden en manual
manual-bom-line = la línea de la lista no se consume automáticamente
manual-item = el artículo no se consume automáticamente por defecto
manual-work-center = su puesto no consume automáticamente
manual-non-stock = el artículo no es de stock
manual-lot-selection = el artículo lleva lotes y lot_selection es manual
manual-serial = el artículo lleva número de serie
source-bom = ubicación de suministro de la línea de lista
source-work-center = ubicación de máquina del puesto { $work_center }
source-override = indicada
history-title = Partes, más recientes primero ({ $count })
row-posted = anotado
report-reversed = anulado
detail-title = Parte { $id } · { $order } op. { $operation } · buena { $good } desecho { $scrap }
detail-approved = aprobado por { $approver }
staging-title = Abastecer { $work_center } ({ $count } artículos)
staging-title-every = Todas las ubicaciones de máquina ({ $count } artículos)
exceptions-title = Líneas en espera en { $place } ({ $count })
exceptions-every-location = todas las ubicaciones
exceptions-none = Aquí nada espera stock.
exceptions-fits = cabe
variance-material-cost = Coste de material: { $cost }
variance-lines-title = Líneas de material: estándar para las unidades informadas
health-title = Salud de ubicaciones, últimos { $days } días: { $flagged } marcadas de { $count }
flag-negative = negativo
flag-discrepancy = desviación
flag-waiting = espera
flag-ok = ok
trace-title = Traza: { $item } { $lot }
trace-untracked = (sin lote)
trace-unknown-lot = (lote desconocido)
trace-on-hand = En stock
trace-on-hand-none = En stock: nada (consumido o enviado)
trace-made-from = Hecho de: los lotes de componentes que consumieron sus órdenes
trace-made-from-none = Hecho de: ningún lote de componente con trazabilidad
trace-went-into = Usado en: lo que hicieron las órdenes que lo consumieron
trace-went-into-none = Usado en: aún nada hecho con él
prompt-apply-cancel = Enter: aplicar   Esc: cancelar
prompt-apply-back = Enter: aplicar   Esc: volver
pick-none = nada de la lista coincide; Enter toma lo tecleado
pick-more = … { $count } en total; teclee para acotar
report-short-title = { $order } · { $item } · cant. { $qty }
## The report screen at the machine: lots named for a line, on hand apart from expired lots
report-line-lots = { $count } lotes
report-line-serials = { $count } series
footer-more = más
report-expired-apart = (+{ $qty } caducado)
choice-lot-expired = {" "}· caducado

## Report keys: by hand, lots, the finished lot, serials marked
hint-by-hand = a mano
hint-lots = lotes
hint-fg-lot = lote PT
key-mark-serial = marcar o desmarcar el número de serie resaltado
hint-mark = marcar
key-take-marked = tomar los números de serie marcados, o el resaltado
hint-take = tomar
key-previous-serial = número de serie anterior
key-next-serial = número de serie siguiente

## The last English words: confirmations of quitting, leaving, cancelling and reversing
quit-title = ¿Salir?
quit-unposted = El parte en edición no está contabilizado.
quit-lose = ¿Salir y perderlo?
leave-report-title = ¿Dejar el parte?
leave-report-unposted = No está contabilizado.
leave-report-lose = ¿Dejar y perderlo?
cancel-deferred-title = ¿Anular esta línea pendiente?
cancel-deferred-line = #{ $id }: { $qty } { $item } en { $location } para la orden { $order } (parte { $report }, línea { $line }).
cancel-deferred-note = El programa no la consumirá; consúmala a mano si se usó.
reverse-already = el parte { $report } ya está anulado
reverse-reason-prompt = Motivo para anular el parte { $report } ({ $order } op { $operation })
reverse-needs-reason = una anulación necesita un motivo
reverse-what = Parte { $report } del { $when } por { $user }: orden { $order } ({ $item }), operación { $operation }.
reverse-undo = Deshacer { $good } buena y { $scrap } desecho: cada línea consumida vuelve, su entrada y su mano de obra se anulan, sus líneas pendientes se cancelan.
reverse-reason = Motivo: { $reason }
reverse-ask = ¿Anularlo?
reverse-title = ¿Anular el parte { $report }?

## The last English words: a trace's prompts, a line's refusals, a count's title
not-posted-title = No contabilizado
counted-title = Contado
trace-item-prompt = Rastrear un lote: ¿qué artículo? (escanear o elegir)
trace-item-needed = escanee o elija un artículo
trace-no-lots = el almacén nunca tuvo un lote de { $item }
trace-lot-before-lots = lote desconocido (existencias de antes de llevar lotes)
trace-lot-prompt = ¿Qué lote de { $item } rastrear? (escanear o elegir)
line-backflushed = la línea { $line } ({ $item }) se consume automáticamente: e fija su cantidad
line-not-tracked = la línea { $line } ({ $item }) no lleva lote ni serie: no admite lotes
not-a-count-point = la operación { $operation } no es punto de conteo; sus líneas se declaran en la operación { $count_point }
type-good-quantity = escriba la cantidad buena (Tab: desecho)

## The last English words: a posted report's scrap and substitute prompts
scrap-add-prompt = Desecho a sumar en la línea { $line } { $item } (negativo: corrección)
substitute-item-prompt = Artículo consumido en lugar de { $item } en la línea { $line }
substitute-item-needed = escanee o escriba el artículo sustituto
substitute-return-prompt = Cuántos { $item } vuelven (los { $issued } consumidos, o parte)
substitute-qty-prompt = Cuántos { $item } se consumieron en su lugar

## The last English words: staging's transfer and count prompts
transfer-from-prompt = Llevar { $item } a { $to } ¿desde qué ubicación?
transfer-from-needed = escriba la ubicación de origen
transfer-from-is-to = { $location } es el destino; elija de dónde viene
transfer-qty-prompt = Cuántos { $item } de { $from } a { $to }
count-qty-prompt = Contado { $item } en { $location }
count-lot-qty-prompt = Contado { $item } lote { $lot } en { $location }
count-lot-unknown = (desconocido)
count-lot-prompt = ¿Qué lote de { $item } contar en { $location }? (escanear o elegir)
transfer-lots-prompt = Lotes de { $item } desde { $from } (LOTE o LOTE:CANT,…; solo Enter: orden de consumo)

## The last English words: what a report will post
post-summary = Orden { $order } · operación { $operation } · buena { $good } · desecho { $scrap }
post-lines = { $issue ->
    [one] { $issue } línea
   *[other] { $issue } líneas
} a consumir, { $deferred } pendientes, { $manual } a mano, { $skipped } omitidas
post-short = { $count ->
    [one] { $count } línea
   *[other] { $count } líneas
} con faltante: se rechazará (existencia negativa = bloqueo)
post-receive = Entrada de { $qty } { $item } en { $location }
post-labor = Mano de obra { $hours } h estándar
post-warning = Aviso: { $warning }
post-lead-more = Un jefe de turno debe aprobar (más de { $pct } % del plan):
post-lead-enter = Enter: el jefe escanea su tarjeta y escribe el PIN

## The last English words: variance title, count reason, a substitute's return, report numbers, pick details
variance-title = { $order } · { $closed }{ $item } { $description } · cant. { $qty } · avance y desviación
variance-short-title = { $order } · { $closed }{ $item } · cant. { $qty } · avance y desviación
count-reason-prompt = { $item } en { $location }: libros { $book }, contado { $counted } = { $diff }{ $pct }. Elija un motivo para contabilizar
substitute-return-not-qty = { $value } no es una cantidad mayor que 0
substitute-return-exceeds = { $qty } supera los { $issued } { $item } consumidos por la línea { $line }
report-good-not-number = buena { $value } no es un número
report-scrap-not-number = desecho { $value } no es un número
choice-on-hand = { $qty } en stock
choice-expires = caduca { $date }
choice-expired = caducado: debe aprobar un jefe de turno
choice-unknown-lot = lote desconocido
cannot-post = no se puede contabilizar: { $why }
nothing-to-post = nada que contabilizar
