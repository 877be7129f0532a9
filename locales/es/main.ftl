# Portal onestop: español. Cada clave de este archivo debe existir en todos los idiomas (una prueba lo comprueba).
site-title = Ventanilla Única de Ciencia y Tecnología de Beijing
skip-to-content = Ir al contenido principal
nav-label = Principal
nav-measures = Medidas
nav-search = Buscar
nav-tracker = Seguimiento de medidas
nav-inbox = Bandeja de entrada
nav-my-cases = Mis expedientes
nav-sign-in = Iniciar sesión
nav-sign-out = Cerrar sesión ({ $name })
language = Idioma
language-apply = Cambiar
footer-sources = Cada regla cita el texto normativo del que procede: los cinco documentos de origen y los instrumentos nacionales en los que se basan.
home-heading = Encuentre las medidas de ciencia y tecnología de Beijing que le corresponden
home-lead = Responda unas pocas preguntas, vea qué le corresponde, qué supone y por qué, y presente después una sola solicitud ante todos los organismos competentes.
home-who = ¿Quién es usted?
home-search = Buscar medidas
audience-enterprise = Empresa
audience-enterprise-hint = Beneficios fiscales, condición de empresa de alta tecnología, financiación, propiedad intelectual
audience-researcher = Investigador
audience-researcher-hint = Retribución, seguros, viajes, proyectos
audience-foreign-professional = Profesional extranjero
audience-foreign-professional-hint = Permisos de trabajo y de residencia en una ventanilla única
audience-project = Responsable de proyecto de investigación
audience-project-hint = Presupuestos, costes indirectos, inspecciones
audience-officer = Personal de los organismos
audience-analyst = Analista de políticas
audience-public = Público en general
search-label = Términos de búsqueda (en chino o en inglés)
search-button = Buscar
search-heading = Búsqueda
search-results = { $count ->
    [one] Se ha encontrado una medida
   *[other] Medidas encontradas: { $count }
}
measures-heading = Medidas
measures-count = { $count ->
    [one] Una medida
   *[other] Medidas: { $count }
}
filter-group = Grupo
filter-audience = Destinatarios
filter-all = Todos
filter-apply = Mostrar
group-talent = Talento
group-enterprise = Empresas
group-project = Proyectos de investigación
group-gov = Gobierno
status-in-force = En vigor
status-pilot = Prueba piloto
status-planned = Prevista
status-ongoing = En curso
measure-computable = Comprobación en línea
measure-source = Fuente
measure-sources = Fuentes
measure-responsible = Organismos responsables
measure-completion = Plazo de ejecución
measure-no-completion = No indicado
measure-status = Estado
measure-audience = Destinatarios
measure-check = Compruebe si le corresponde
back-to-measures = Todas las medidas
back-home = Inicio
interview-heading = Compruebe qué le corresponde
interview-progress = Pregunta { $number }. Pueden seguir como máximo { $remaining } más; puede detenerse en cualquier momento.
interview-why = Esta respuesta es relevante para:
interview-next = Continuar
interview-skip = Omitir esta pregunta
interview-finish = Ver los resultados ahora
answer-yes = Sí
answer-no = No
hint-date = Una fecha, por ejemplo 2024-06-30.
hint-money = Un importe en yuanes, por ejemplo 5000000.
hint-int = Un número entero.
hint-decimal = Un número.
hint-rate = Un porcentaje, por ejemplo 12.5.
hint-text = Texto.
result-heading = Lo que le corresponde
result-date = Resuelto a fecha { $date } conforme a la versión { $version } de las reglas.
result-apply = Solicitar ahora
result-apply-for = Solicitar: { $service }
result-worth = Qué le aporta
result-missing = Falta para poder decidir:
result-why = Por qué: cada paso, con su fundamento jurídico
result-status-eligible = Le corresponde
result-status-not_eligible = No le corresponde
result-status-undetermined = Aún sin determinar
signin-heading = Iniciar sesión
signin-to-apply = Inicie sesión o cree una cuenta para solicitar: { $service }
signin-mode = Cuenta
signin-existing = Ya tengo una cuenta
signin-new = Crear una cuenta nueva
signin-button = Continuar
field-username = Nombre de usuario
field-password = Contraseña
apply-opens = Esta única solicitud abre los siguientes expedientes, que se resuelven en paralelo:
apply-materials-hint = Se sube una sola vez; todos los organismos competentes ven la misma copia.
apply-submit = Presentar la solicitud
cases-heading = Mis expedientes
cases-count = { $count ->
    [one] Un expediente
   *[other] Expedientes: { $count }
}
case-kind = Trámite
case-agency = Organismo
case-state = Estado
case-deadline = Plazo de resolución
case-decision = Resolución
case-submitted = Presentado
case-overdue = Fuera de plazo
case-working-days = { $days } días hábiles
case-rules-version = Versión de las reglas
case-materials = Documentación
case-audit = Historial
case-facts = Datos presentados
case-explanation = Explicación del motor de reglas
kind-work-permit = Permiso de trabajo (categoría A)
kind-work-residence-permit = Permiso de residencia por trabajo
kind-high-tech-recognition = Reconocimiento como empresa de alta tecnología
kind-tech-transfer-relief = Comunicación del beneficio fiscal por transferencia de tecnología
state-submitted = Presentado
state-accepted = Admitido a trámite
state-in_review = En revisión
state-more_info_needed = Se requiere más información
state-approved = Aprobado
state-rejected = Denegado
state-withdrawn = Retirado
officer-heading = Bandeja de entrada
officer-decide = Tramitar este expediente
officer-action = Acción
officer-reason = Motivo (visible para el solicitante)
officer-record = Registrar
action-accept = Admitir a trámite (inicia el plazo)
action-review = Iniciar la revisión
action-request_info = Solicitar más información
action-approve = Aprobar
action-reject = Denegar
tracker-heading = Seguimiento de medidas
tracker-overdue = { $count ->
    [one] Una medida ha superado su plazo de ejecución ({ $month }).
   *[other] Medidas que han superado su plazo de ejecución ({ $month }): { $count }.
}
tracker-measure = Medida
tracker-by-org = Medidas por organismo responsable
error-not-found = No encontrado
error-forbidden = No tiene permiso para ver este contenido
error-signin = Nombre de usuario o contraseña incorrectos.
error-bad-answer = No se ha podido leer esa respuesta
error-action = No se ha podido realizar la acción


## Verificar una licencia electrónica
nav-verify = Verificar una licencia
verify-heading = Verificar una licencia electrónica
verify-intro = Cada licencia que emite este servicio queda registrada en un registro público al que solo se pueden añadir entradas. Introduzca el código de verificación impreso en la licencia o suba el archivo de licencia descargado para comprobar que se emitió aquí y no ha sido modificada.
verify-valid = Auténtica: esta licencia figura en el registro y no ha sido modificada.
verify-invalid = No verificada: no confíe en esta licencia.
verify-code = Código de verificación
verify-holder = Titular
verify-granted = Concedido
verify-validity = Validez
verify-agency = Decidido por
verify-basis = Base jurídica
verify-entry = Entrada del registro
verify-entry-of = entrada { $index } de un registro de { $size }
verify-by-code = Verificar por código
verify-by-file = Verificar un archivo de licencia descargado
verify-file = Archivo de licencia (JSON)
verify-button = Verificar
verify-offline = Sin este sitio web:
verify-key = la clave pública del registro
verify-not-found = Ninguna licencia tiene este código. Revise el código e inténtelo de nuevo.
verify-bad-code = Este no es un código de verificación válido.
verify-no-file = Elija un archivo de licencia para subir.
verify-not-a-licence = Este archivo no es una licencia descargada de este servicio.
case-licence = Licencia electrónica
case-licence-print = licencia imprimible

## Análisis: simulación de reformas
nav-analyst = Reformas
analyst-heading = ¿Qué haría una reforma?
analyst-intro = Aplique una reforma de las reglas a toda una población sintética y compárela con las reglas vigentes: quién gana, quién pierde, cuánto cuesta y dónde.
analyst-reform = Reforma
analyst-population = Población
analyst-rows = { $count } filas
analyst-date = Fecha de decisión
analyst-run = Simular
analyst-ran = { $rows } filas al { $date }, simulado en { $seconds } s.
analyst-beneficiaries = Beneficiarios (reglas vigentes → reforma)
analyst-winners = Ganadores
analyst-losers = Perdedores
analyst-cost = Coste
analyst-yuan = yuanes
analyst-measures = Medidas que cambia la reforma
analyst-eligible-before = Con derecho ahora
analyst-eligible-after = Con derecho con la reforma
analyst-newly = Nuevos con derecho
analyst-chart-district = Coste de la reforma por distrito
analyst-chart-gains = Distribución de ganancias y pérdidas
analyst-by = Por { $key }
analyst-rows-col = Filas
analyst-warnings = Avisos
analyst-versions = Versión de las reglas { $baseline }; con la reforma { $reform }.
analyst-bad-date = `{ $date }` no es una fecha; escriba AAAA-MM-DD.
analyst-unavailable = La simulación de reformas no está disponible en este servidor
analyst-amounts = Importes totales (vigente → reforma)

## Agencies
agency-foreign-experts = Comisión Municipal de Ciencia y Tecnología de Pekín (asuntos de expertos extranjeros)
agency-exit-entry = Administración de Entrada y Salida, Oficina Municipal de Seguridad Pública de Pekín
agency-sci-tech = Comisión Municipal de Ciencia y Tecnología de Pekín
agency-tax = Servicio Tributario Municipal de Pekín, Administración Estatal de Impuestos

## Calendario laboral (plazos provisionales, página de calendario del administrador)
case-provisional = Provisional
case-provisional-why = Esta fecha se calcula con los días hábiles de { $year }, cuyo aviso oficial de festivos aún no se ha cargado: los días inhábiles son los festivos legales y los fines de semana. Se recalculará cuando se cargue el aviso.
nav-calendar = Calendario
calendar-heading = Calendario laboral
calendar-intro = Los plazos se computan en días hábiles de China. Un año cuyo aviso de festivos del Consejo de Estado está cargado es oficial; cualquier otro año es provisional: sus días inhábiles son los festivos legales y los fines de semana, sin los días laborables de recuperación.
calendar-official-until = Oficial hasta el { $date } (quedan { $days } días).
calendar-none = Ningún aviso oficial cubre el día de hoy: todos los plazos son provisionales.
calendar-warning = La cobertura oficial termina en menos de 60 días. Cargue el aviso de { $year } en cuanto se publique.
calendar-year = Año
calendar-status = Estado
calendar-source = Fuente
calendar-official = Oficial
calendar-provisional = Provisional
calendar-shipped = incluido en onestop
calendar-statutory = festivos legales del Reglamento de días festivos y conmemorativos nacionales (revisado por el Decreto n.º { $decree } del Consejo de Estado) y fines de semana
calendar-upload-heading = Cargar el aviso de un año
calendar-upload-help = Un archivo CSV: las líneas «# year:», «# notice:» y «# published:», y después una fila por día: la fecha (o FROM..TO), holiday o workday, y el nombre del festivo. Los expedientes abiertos con plazos provisionales se recalculan, cada uno con constancia en su historial.
calendar-file = Archivo del aviso (CSV)
calendar-upload = Cargar el aviso
calendar-loaded = El aviso de { $year } se ha cargado. Expedientes abiertos con plazo provisional: { $checked }; modificados: { $changed }.
calendar-refused = El archivo fue rechazado; no se ha modificado nada.
calendar-deadline-change = Expediente { $case }: { $old } → { $new }

## Security
error-csrf = El formulario ha caducado o procede de otro sitio. Recargue la página e inténtelo de nuevo.
error-throttled = Demasiados intentos fallidos de inicio de sesión. Inténtelo de nuevo dentro de { $seconds } segundos.
agency-tianjin-sci-tech = Oficina Municipal de Ciencia y Tecnología de Tianjin
agency-hebei-sci-tech = Departamento de Ciencia y Tecnología de la Provincia de Hebei

## The statutory clock
case-clock = Plazo
case-clock-stopped = Detenido desde el { $date }: a la espera de la respuesta del solicitante; estos días no cuentan
case-clock-stopped-short = Plazo detenido
case-suspended-label = Suspensión
case-suspended = { $days } días hábiles no computados (el solicitante respondía a un requerimiento)
case-respond-heading = Responder al requerimiento
case-respond-label = Su respuesta (la verá el funcionario; el plazo se reanuda al enviarla)
case-respond-send = Enviar la respuesta

## Public performance
nav-performance = Cumplimiento
performance-heading = Decisiones dentro de los plazos legales
performance-intro = De todos los expedientes resueltos con plazo: la proporción que cada organismo resolvió en plazo (incluido el último día) y la mediana de días hábiles que cada trámite tardó desde la admisión hasta la decisión (sin contar los días en que el plazo estuvo detenido esperando la respuesta del solicitante).
performance-agency = Organismo
performance-decided = Resueltos
performance-on-time = En plazo
performance-rate = Cumplimiento del plazo
performance-service = Trámite
performance-median = Mediana de días hábiles
case-withdraw-heading = Desistir
case-withdraw-help = Al desistir se cierra este expediente en su organismo; los demás expedientes de la misma solicitud continúan.
case-withdraw-send = Desistir de este expediente
licence-issued = Expedida
licence-note = Esta licencia es la entrada { $index } del registro de transparencia; cualquier cambio hace fallar la verificación. Compruébela con su código en este sitio, o sin conexión con la licencia descargada y la clave pública del registro:

## the procedures of the seeds: materials, approvals upon filing and their check (issue 14)
apply-material-file = Archivo ({ $types }, máximo 10 MB)
apply-material-optional = (opcional)
apply-material-reuse = o uno que ya subió antes
apply-material-reuse-none = — ninguno —
case-material = Documento
case-material-file = Archivo entregado
case-material-missing = Falta
case-material-none = Elija un archivo para subir o uno que ya subió antes.
case-add-material-heading = Entregar un documento
case-add-material-which = Qué documento
case-add-material-file = Archivo (PDF, PNG o JPEG, máximo 10 MB)
case-add-material-send = Entregar
case-supervision = Control posterior
case-supervision-pending = Antes del { $date }
case-supervision-passed = Superado
case-supervision-revoked = No superado: la aprobación se revoca
case-supervision-risk = Revisar primero
case-supervise-heading = Control posterior
case-supervise-help = Esta solicitud se aprobó al presentarse. Compruébela con los requisitos; si no los cumple o se incumplió el compromiso, revóquela: el expediente y su licencia se revocan en el registro.
case-supervise-outcome = Resultado
case-supervise-pass = Superado: la aprobación se mantiene
case-supervise-revoke = Revocar la aprobación y su licencia
officer-supervision-heading = Aprobaciones en la presentación por controlar
officer-supervision-help = Aprobadas al presentarse o por compromiso del solicitante; las normas ponen primero las que no cumplen un criterio nacional.
state-revoked = Revocado
kind-foreign-work-permit = Permiso de trabajo para extranjeros
kind-foreign-residence-permit = Permiso de residencia por trabajo
kind-permanent-residence = Residencia permanente
kind-commitment-approval = Aprobación por compromiso
kind-relocation-business-registration = Cambio de registro mercantil (nuevo domicilio)
kind-relocation-tax-registration = Traslado del registro fiscal
kind-clinical-sample-approval = Aprobación para importar muestras de ensayos clínicos
kind-clinical-sample-filing = Declaración aduanera de una importación de muestras
kind-outbound-exchange = Intercambio académico en el extranjero
kind-rd-vehicle-import = Importación temporal de vehículos de prueba de I+D
agency-housing = Comisión Municipal de Vivienda y Desarrollo Urbano-Rural de Pekín
agency-market-regulation = Administración Municipal de Regulación del Mercado de Pekín
agency-medical-products = Administración Municipal de Productos Médicos de Pekín
agency-customs = Aduana de Pekín
agency-foreign-affairs = Oficina de Asuntos Exteriores del Gobierno Popular Municipal de Pekín
material-passport = Pasaporte
material-employment-contract = Contrato de trabajo o carta de nombramiento
material-degree-certificate = Título del grado más alto
material-criminal-record = Certificado de antecedentes penales
material-photo = Fotografía de pasaporte
material-health-certificate = Certificado médico
material-hnte-application = Solicitud de reconocimiento como empresa de alta tecnología
material-rd-expense-audit = Informe de auditoría especial de gastos de I+D
material-ip-certificates = Certificados de la propiedad intelectual principal
material-technology-contract = Contrato de transferencia de tecnología registrado
material-commitment-letter = Carta de compromiso firmada
material-project-plan = Plan del proyecto y documentos de diseño
material-business-licence = Licencia comercial
material-relocation-resolution = Acuerdo de los socios sobre el traslado
material-premises-lease = Contrato de arrendamiento o título del nuevo local
material-trial-approval = Autorización del ensayo clínico
material-sample-list = Lista de muestras
material-import-approval = La aprobación de importación (por ensayo o anual)
material-invitation-letter = Carta de invitación
material-exchange-plan = Plan de intercambio
material-vehicle-list = Lista de vehículos
material-rd-plan = Plan de investigación y pruebas
material-customs-guarantee = Garantía aduanera

## the life of a licence after issue: suspended, reinstated, revoked (003 §18, §19)
licence-status = Estado de la licencia
licence-status-valid = En vigor
licence-status-suspended = Suspendida: sin efecto hasta que la agencia la restablezca
licence-status-revoked = Revocada: ya no está en vigor
licence-stamp-suspended = SUSPENDIDA
licence-stamp-revoked = REVOCADA
verify-not-in-force = El registro es auténtico, pero no confíe en esta licencia.
licence-change-since = Desde { $date }: { $reason }
licence-change-heading = Suspender, restablecer o revocar la licencia
licence-change = Cambio
licence-change-suspend = Suspender (hay una investigación abierta)
licence-change-reinstate = Restablecer
licence-change-revoke = Revocar (definitivo)
licence-change-reason = Motivo (queda en el registro público; lo ve quien verifique la licencia)
licence-change-button = Registrar el cambio

## the interview starts from the signed-in applicant's profile and saves back to it
interview-from-profile = No se repiten las preguntas que su perfil ya responde; lo que responda aquí se guarda en su perfil.
result-saved-to-profile = Sus respuestas se guardaron en su perfil: la próxima entrevista y todos los formularios partirán de ellas.

## dates the applicant must keep after approval (services.toml reminders)
case-reminder-past = Vencido: actúe ya
case-reminder-soon = Vence en { $days } días
case-reminder-days = Quedan { $days } días
reminder-vehicle_reexport_due_date = Reexportar los vehículos antes del

## the holder's licences (/licences)
nav-my-licences = Mis licencias
licences-heading = Mis licencias electrónicas
licences-count = { $count ->
    [one] Tiene una licencia emitida.
   *[other] Tiene { $count } licencias emitidas.
}

## Testigos del registro (tarea 15: la página del operador /admin/witnesses, verificación)
nav-witnesses = Testigos
witnesses-heading = Testigos del registro
witnesses-intro = Tianjin y Hebei mantienen cada uno un testigo: comprueba que cada nueva cabeza de este registro prolonga la última que cofirmó y la cofirma, o la rechaza. Un recibo se da por verificado con la firma del registro y al menos { $quorum } cofirmas de testigos.
witnesses-latest = Última cabeza: { $size } entradas, cofirmada por { $count } testigos.
witnesses-none = No hay testigos configurados (DATA/witnesses.toml): los recibos se verifican solo con la firma del registro.
witnesses-name = Testigo
witnesses-region = Región
witnesses-last = Última cabeza cofirmada (entradas)
witnesses-time = Cofirmada el
witnesses-never = Nunca ha cofirmado
witnesses-current = la última
witnesses-behind = por detrás de la última cabeza
witnesses-other-root = otra raíz que la última cabeza de ese tamaño
witnesses-key = Claves de los testigos
witnesses-refusals-heading = Rechazos
witnesses-refusals-none = Ningún testigo ha rechazado una cabeza de este registro.
witnesses-refusals-alert = { $count ->
    [one] Un testigo rechazó una cabeza de este registro: puede haberse bifurcado. Compare las cabezas con onestop ledger audit.
   *[other] Los testigos rechazaron { $count } cabezas de este registro: puede haberse bifurcado. Compare las cabezas con onestop ledger audit.
}
witnesses-refused-size = Cabeza rechazada (entradas)
witnesses-old-size = Última cofirmada (entradas)
witnesses-refused-at = Rechazada el
witnesses-reason = Motivo
witnesses-evidence = El punto de control rechazado
verify-witnesses = Testigos
verify-witnesses-of = { $count } cofirmas de testigos ({ $quorum } exigidas)

## research projects (001 §15-18): leader, undertaking unit, the commission
nav-projects = Proyectos
projects-heading = Proyectos de investigación
officer-projects-heading = Proyectos de investigación pendientes
projects-count = { $count ->
    [0] Todavía no hay proyectos
    [one] Un proyecto
   *[other] Proyectos: { $count }
}
project-title = Título del proyecto
project-role = Su papel
project-role-leader = Investigador principal
project-role-unit = Entidad ejecutora (investigador principal { $leader })
project-status = Estado
project-status-filed = Presentado, pendiente de revisión
project-status-returned = Devuelto al investigador principal
project-status-active = En ejecución
project-status-accepted = Aceptado (recepción final)
project-leader = Investigador principal
project-unit = Entidad ejecutora
project-agency = Departamento competente
project-filed = Presentado el
project-waiting-unit = Un ajuste espera su aprobación
project-todo = Pendiente para usted
project-todo-review = Revisar la solicitud
project-todo-milestones = { $count ->
    [one] Un informe de hito por aceptar
   *[other] { $count } informes de hito por aceptar
}
project-todo-adjustment = Un ajuste presupuestario que decide la comisión
project-todo-inspection = Programar o dispensar la inspección intermedia
project-todo-acceptance = Recepción final
project-file-heading = Presentar un proyecto
project-file-help = Al presentar, las reglas de financiación revisan el presupuesto: unos costes indirectos por encima de su límite, o gastos de la lista negativa del sistema de gasto global, se rechazan con el motivo. Después, la Comisión de Ciencia y Tecnología revisa la solicitud.
project-unit-account = Cuenta de la entidad ejecutora
project-unit-hint = El nombre de usuario de la cuenta de organización de su institución. Aprueba los ajustes presupuestarios dentro de la autoridad delegada.
project-facts-heading = El proyecto y su presupuesto
project-facts-hint = Deje en blanco lo que no proceda o aún no se sepa. El presupuesto aprobado por partidas es el presentado.
project-unknown = Sin indicar
project-negative-list = El plan de gasto incluye (lista negativa del gasto global)
project-milestones = Hitos
project-milestones-hint = Aquí hasta tres; deje en blanco las filas que no necesite.
project-milestone-name = Hito { $number }
project-milestone-due = Fecha del hito { $number }
project-file-send = Presentar el proyecto
project-review = Revisión
project-reviewed = Revisado por { $by } el { $date }
project-inspection = Inspección intermedia
project-inspection-scheduled = Programada para el { $date }
project-inspection-waived = Dispensada
project-inspection-undecided = Aún sin decidir
project-inspection-required = La regla exige una inspección intermedia: el periodo de ejecución es de tres años o más (001 §15).
project-inspection-exempt = La regla exime a este proyecto de la inspección intermedia: su periodo de ejecución es inferior a tres años (001 §15).
project-accepted = Recepción final
project-accepted-by = Por { $by } el { $date }
project-acceptance-link = Página de recepción
project-review-heading = Revisar la solicitud
project-review-decision = Decisión
project-review-accept = Aceptar para su ejecución
project-review-return = Devolver al investigador principal (indique el motivo)
project-note = Nota
project-amend-heading = Corregir y volver a presentar
project-amend-send = Volver a presentar
project-milestone = Hito
project-milestone-due-label = Fecha
project-milestone-report = Informe
project-milestone-accepted = Aceptado
project-milestone-report-label = Informe del hito { $number }
project-milestone-report-send = Enviar el informe
project-milestone-accepted-by = Aceptado por { $by } el { $date }
project-milestone-accept = Aceptar el hito { $number }
project-inspection-heading = Inspección intermedia
project-inspection-decision = Decisión
project-inspection-schedule = Programarla
project-inspection-waive = Dispensarla
project-inspection-on = Día de la inspección
project-budget-heading = Presupuesto
project-budget-subject = Partida
project-budget-in-force = Vigente
project-subject-equipment_budget = Equipamiento
project-subject-indirect_budget = Costes indirectos
project-subject-other_direct_budget = Otras partidas de costes directos, en conjunto
project-adjust-heading = Pedir un ajuste presupuestario
project-adjust-help = Indique los nuevos importes. La regla decide quién aprueba: su entidad ejecutora si el total no cambia y los costes indirectos no suben (un aumento del equipamiento se registra entonces ante el departamento en la recepción); si no, la Comisión de Ciencia y Tecnología (001 §16).
project-adjust-after = { $subject } tras el ajuste
project-adjust-reason = Motivo
project-adjust-send = Pedir el ajuste
project-budget-history = Historial del presupuesto
project-budget-change = Ajuste
project-budget-approver = Quién aprueba según la regla
project-budget-decision = Decisión
project-budget-filing = Registro en la recepción
project-budget-asked = Pedido por { $by } el { $date }
project-budget-decided = Por { $by } el { $date }
project-budget-decide = Decidir el ajuste { $number }
project-budget-approve = Aprobar
project-budget-refuse = Rechazar (indique el motivo)
project-approver-approver_undertaking_unit = La entidad ejecutora
project-approver-approver_competent_department = La Comisión de Ciencia y Tecnología
project-outside-project_refusal_total_changed = Fuera de la autoridad de la entidad: cambia el presupuesto total
project-outside-project_refusal_indirect_increased = Fuera de la autoridad de la entidad: suben los costes indirectos
project-outside-project_refusal_not_municipal = Fuera de la autoridad de la entidad: no es un proyecto con fondos municipales
project-change-pending = Pendiente de decisión
project-change-approved = Aprobado
project-change-refused = Rechazado
project-filed-on = Registrado ante el departamento el { $date }
project-filing-at-acceptance = Se registra en la recepción
project-acceptance-heading = Recepción final
project-milestones-accepted = { $accepted } de { $total } aceptados
project-filings-heading = Ajustes presupuestarios registrados en la recepción
project-filings-help = Los aumentos de equipamiento que aprobó la entidad ejecutora se registran ante el departamento competente en la recepción del proyecto (001 §16).
project-filings-none = Ninguno: este proyecto no tiene ajustes que registrar en la recepción.
project-blockers-heading = Antes de la recepción final
project-blocker-not_active = El proyecto no está en ejecución
project-blocker-milestone_not_reported = Falta el informe del hito { $number }
project-blocker-milestone_not_accepted = El hito { $number } no se ha aceptado
project-blocker-adjustment_pending = El ajuste presupuestario { $number } espera una decisión
project-blocker-inspection_undecided = La inspección intermedia no está programada ni dispensada
project-blocker-inspection_ahead = La inspección intermedia está programada para el { $date }
project-ready = Todo está hecho: el proyecto está listo para la recepción final.
project-accept-send = Registrar la recepción final
project-fact-funding_source = De dónde proceden los fondos del proyecto
project-fact-is_basic_research = El proyecto es de investigación básica
project-fact-institution_type = Tipo de entidad ejecutora
project-fact-discipline = Disciplina del proyecto
project-fact-is_pure_theoretical_research = Investigación puramente teórica (regla nacional: p. ej., matemáticas)
project-fact-selected_for_indirect_cost_pilot = Seleccionado como proyecto piloto municipal poco dependiente de equipos experimentales
project-fact-direct_cost = Costes directos del presupuesto
project-fact-equipment_cost = Equipamiento dentro de los costes directos
project-fact-proposed_indirect_cost = Costes indirectos propuestos
project-fact-proposed_performance_pay = Retribución por desempeño prevista dentro de los costes indirectos
project-fact-implementation_start_date = Primer día del periodo de ejecución
project-fact-implementation_end_date = Último día del periodo de ejecución
project-fact-institution_remarkable_results = La entidad ejecutora tiene resultados de investigación destacados
project-fact-institution_good_research_credit = La entidad ejecutora tiene buen crédito investigador
project-fact-institution_selected_all_in_pilot = La entidad ejecutora fue seleccionada para el piloto municipal de gasto global
project-fact-spends_on_unrelated_items = Gastos ajenos a la investigación del proyecto
project-fact-spends_on_fines_donations_investment = Multas, donaciones, patrocinios, inversiones o pago de deudas
project-fact-misappropriates_funds = Retención, desvío o apropiación de fondos del proyecto
project-fact-transfers_funds_improperly = Traspaso o transferencia de fondos contraria a las normas
project-fact-uses_false_documents = Contratos, facturas, conceptos o personal falsos para sacar fondos
project-fact-inflates_testing_costs = Ensayos inventados o precios de ensayos inflados
project-fact-falsifies_accounts = Ajustes contables arbitrarios o justificantes alterados
project-value-project_funded_municipal = Fondos municipales (Pekín) para investigación
project-value-project_funded_central = Fondos del Gobierno central para investigación
project-value-project_funded_other = Otros fondos (encargos de empresas, proyectos horizontales, fondos propios)
project-value-project_unit_higher_education = Institución de educación superior
project-value-project_unit_research_institute = Instituto de investigación
project-value-project_unit_medical = Institución médica y sanitaria
project-value-project_unit_enterprise = Empresa
project-value-project_unit_other = Otra organización
project-value-project_discipline_mathematics = Matemáticas
project-value-project_discipline_physics = Física
project-value-project_discipline_other = Otra disciplina
