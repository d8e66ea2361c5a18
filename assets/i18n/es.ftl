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

## The report screen at the machine: lots named for a line, on hand apart from expired lots
report-line-lots = { $count } lotes
report-line-serials = { $count } series
footer-more = más
report-expired-apart = (+{ $qty } caducado)
choice-lot-expired = {" "}· caducado
