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

# Títulos de las medidas (identificadores de catalog/measures.toml; los puntos pasan a ser guiones).
measure-talent-category-a-fast-track = Permiso de trabajo de categoría A y permiso de residencia por trabajo en un plazo de siete días hábiles
measure-talent-one-window = Centros de servicio de ventanilla única para profesionales extranjeros
measure-talent-pension-extension = Prolongación de las cotizaciones de pensiones para el talento extranjero de alto nivel
measure-talent-commercial-insurance = Seguros comerciales de pensiones y de salud para el talento extranjero captado
measure-talent-permanent-resident-startup = Trato nacional para los residentes permanentes extranjeros que funden empresas emergentes de ciencia y tecnología
measure-talent-overseas-qualification = Reconocimiento de las cualificaciones profesionales y la experiencia obtenidas en el extranjero
measure-talent-fx-facilitation = Facilidades en materia de divisas para el talento de alto nivel procedente del extranjero
measure-talent-outbound-exchange = Facilidades para los intercambios académicos de los investigadores en el extranjero
measure-talent-flexible-pay = Retribución flexible para el talento de alto nivel que asume tareas estratégicas de primer orden
measure-talent-title-review = Evaluación de las categorías profesionales por las propias instituciones
measure-talent-international-award = Premio de Cooperación Internacional para profesionales extranjeros
measure-enterprise-high-tech-filing = Reconocimiento de empresas de alta tecnología con aprobación en el momento de la comunicación
measure-enterprise-high-tech-bth-recognition = Reconocimiento mutuo de la condición de empresa de alta tecnología en Beijing, Tianjin y Hebei
measure-enterprise-tech-transfer-tax = Exención de los ingresos por transferencia de tecnología ampliada a 20 millones de yuanes en Zhongguancun
measure-enterprise-corporate-vc-tax = Exención del impuesto sobre la renta de las empresas para las sociedades de capital riesgo
measure-enterprise-rd-super-deduction = Deducción incrementada de los gastos de I+D
measure-enterprise-rd-vehicle-import = Importación temporal de vehículos de ensayo de I+D por un máximo de dos años
measure-enterprise-clinical-sample-import = Importación simplificada de muestras de medicamentos innovadores para ensayos clínicos
measure-enterprise-advanced-service-provider = Empresas de servicios tecnológicamente avanzadas: ámbito más amplio y certificación de mayor duración
measure-enterprise-innovation-voucher = Reconocimiento de los bonos de innovación en Beijing, Tianjin y Hebei
measure-enterprise-first-set-equipment = Primera compra o encargo de grandes equipos técnicos de primera unidad (o primer conjunto)
measure-enterprise-credit-risk-compensation = Compensación del riesgo crediticio y bonificación de intereses de préstamos para empresas tecnológicas
measure-enterprise-ip-pledge = Inscripción de prendas sobre propiedad intelectual y financiación con garantía prendaria
measure-enterprise-ip-insurance = Compensación de riesgos y subvención de primas de los seguros de propiedad intelectual
measure-enterprise-overseas-ip = Apoyo a las patentes PCT, las marcas del sistema de Madrid y los diseños del sistema de La Haya
measure-enterprise-mnc-rd-centre = Apoyo a los centros de I+D de capital extranjero equiparable al de las sedes regionales de empresas multinacionales
measure-enterprise-medical-device-bth = Los titulares de registros de productos sanitarios de Beijing pueden encargar su fabricación a empresas de Tianjin y Hebei
measure-enterprise-relocation = Traslado de una empresa tecnológica entre distritos en un único procedimiento
measure-enterprise-maker-space = Subvenciones y premios para espacios maker y bases de emprendimiento
measure-project-budget-adjustment = Ajuste del presupuesto de los proyectos de investigación por la entidad ejecutora
measure-project-indirect-cost-cap = Costes indirectos de hasta el 30 % (60 % en matemáticas y física) en los proyectos piloto
measure-project-all-in-expenses = Prueba piloto de financiación global para proyectos de investigación básica
measure-project-inspection-exemption = Exención de inspecciones intermedias para los proyectos de menos de tres años
measure-project-one-time-submission = Presentación en línea y por una sola vez de la documentación de los proyectos de investigación
measure-project-internal-audit = Aceptación de los informes de auditoría interna para la evaluación final de los proyectos
measure-project-procurement = Agilización de la adquisición de instrumentos y equipos de investigación
measure-project-liability-exemption = Exención de responsabilidad por la exploración diligente que no tenga éxito
measure-project-achievement-ownership = Titularidad o uso a largo plazo de los resultados por parte de los investigadores que los obtienen
measure-gov-measure-tracker = Seguimiento de la aplicación de cada medida
measure-gov-multilingual-platform = Plataforma multilingüe de servicios en línea de innovación científica y tecnológica
measure-gov-application-scenarios = Lista periódica de proyectos de escenarios de aplicación
measure-gov-statistical-monitoring = Seguimiento estadístico de las «Tres Ciudades y un Área»
measure-gov-instrument-sharing = Uso compartido de instrumentos de investigación y grandes instalaciones
measure-gov-e-license-ledger = Licencias electrónicas en cadena de bloques y registro en cadena de los datos de comercio transfronterizo
measure-gov-policy-reform-simulation = Efecto de un cambio de umbral normativo: antes y después

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
