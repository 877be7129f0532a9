# Портал onestop: русский язык. Каждый ключ отсюда должен быть во всех языках (это проверяет тест).
site-title = Единое окно науки и технологий Пекина
skip-to-content = Перейти к основному содержанию
nav-label = Главное меню
nav-measures = Меры
nav-search = Поиск
nav-tracker = Контроль выполнения мер
nav-inbox = Входящие
nav-my-cases = Мои дела
nav-sign-in = Войти
nav-sign-out = Выйти ({ $name })
language = Язык
language-apply = Сменить
footer-sources = Каждое правило ссылается на текст документа, из которого оно взято: пять исходных документов и общегосударственные нормативные акты, на которые они опираются.
home-heading = Найдите меры Пекина в сфере науки и технологий, которые относятся к вам
home-lead = Ответьте на несколько вопросов и узнайте, какие меры к вам применимы, что они дают и почему, а затем подайте одно заявление сразу во все причастные ведомства.
home-who = Кто вы?
home-search = Поиск мер
audience-enterprise = Предприятие
audience-enterprise-hint = Налоговые льготы, статус высокотехнологичного предприятия, финансирование, интеллектуальная собственность
audience-researcher = Исследователь
audience-researcher-hint = Оплата труда, страхование, поездки, проекты
audience-foreign-professional = Иностранный специалист
audience-foreign-professional-hint = Разрешение на работу и вид на жительство в одном окне
audience-project = Руководитель научного проекта
audience-project-hint = Бюджеты, косвенные расходы, проверки
audience-officer = Сотрудник ведомства
audience-analyst = Аналитик политики
audience-public = Для всех
search-label = Слова для поиска (на китайском или английском)
search-button = Найти
search-heading = Поиск
search-results = { $count ->
    [one] Найдена { $count } мера
    [few] Найдены { $count } меры
    [many] Найдено { $count } мер
   *[other] Найдено мер: { $count }
}
measures-heading = Меры
measures-count = { $count ->
    [one] { $count } мера
    [few] { $count } меры
    [many] { $count } мер
   *[other] Мер: { $count }
}
filter-group = Группа
filter-audience = Для кого
filter-all = Все
filter-apply = Показать
group-talent = Кадры
group-enterprise = Предприятия
group-project = Научные проекты
group-gov = Государственное управление
status-in-force = Действует
status-pilot = Пилотный режим
status-planned = Запланировано
status-ongoing = Выполняется
measure-computable = Проверка онлайн
measure-source = Источник
measure-sources = Источники
measure-responsible = Ответственные организации
measure-completion = Срок выполнения
measure-no-completion = Не указан
measure-status = Статус
measure-audience = Для кого
measure-check = Проверить, относится ли это к вам
back-to-measures = Все меры
back-home = Главная
interview-heading = Проверьте, что к вам относится
interview-progress = Вопрос { $number }. Осталось вопросов: не более { $remaining }; вы можете остановиться в любой момент.
interview-why = Этот ответ важен для:
interview-next = Далее
interview-skip = Пропустить этот вопрос
interview-finish = Показать результаты сейчас
answer-yes = Да
answer-no = Нет
hint-date = Дата, например 2024-06-30.
hint-money = Сумма в юанях, например 5000000.
hint-int = Целое число.
hint-decimal = Число.
hint-rate = Процент, например 12.5.
hint-text = Текст.
result-heading = Что к вам относится
result-date = Решение на { $date } по правилам версии { $version }.
result-apply = Подать заявление
result-apply-for = Подать заявление: { $service }
result-worth = Что это даёт
result-missing = Для решения ещё нужно:
result-why = Почему: каждый шаг с правовым основанием
result-status-eligible = Относится к вам
result-status-not_eligible = Не относится
result-status-undetermined = Пока не определено
signin-heading = Вход
signin-to-apply = Войдите или создайте учётную запись, чтобы подать заявление: { $service }
signin-mode = Учётная запись
signin-existing = У меня есть учётная запись
signin-new = Создать новую учётную запись
signin-button = Продолжить
field-username = Имя пользователя
field-password = Пароль
apply-opens = Это единое заявление открывает следующие дела, которые рассматриваются параллельно:
apply-materials-hint = Загружается один раз; все причастные ведомства видят одну и ту же копию.
apply-submit = Подать заявление
cases-heading = Мои дела
cases-count = { $count ->
    [one] { $count } дело
    [few] { $count } дела
    [many] { $count } дел
   *[other] Дел: { $count }
}
case-kind = Вид дела
case-agency = Ведомство
case-state = Состояние
case-deadline = Срок решения
case-decision = Решение
case-submitted = Подано
case-overdue = Срок истёк
case-working-days = { $days } раб. дн.
case-rules-version = Версия правил
case-materials = Материалы
case-audit = История
case-facts = Представленные сведения
case-explanation = Пояснение системы правил
kind-work-permit = Разрешение на работу (категория A)
kind-work-residence-permit = Вид на жительство для работы
kind-high-tech-recognition = Признание высокотехнологичным предприятием
kind-tech-transfer-relief = Уведомление о льготе по доходам от передачи технологий
state-submitted = Подано
state-accepted = Принято к рассмотрению
state-in_review = На рассмотрении
state-more_info_needed = Требуются дополнительные сведения
state-approved = Одобрено
state-rejected = Отказано
state-withdrawn = Отозвано
officer-heading = Входящие
officer-decide = Рассмотреть дело
officer-action = Действие
officer-reason = Причина (видна заявителю)
officer-record = Сохранить
action-accept = Принять к рассмотрению (начинается отсчёт срока)
action-review = Начать рассмотрение
action-request_info = Запросить дополнительные сведения
action-approve = Одобрить
action-reject = Отказать
tracker-heading = Контроль выполнения мер
tracker-overdue = { $count ->
    [one] { $count } мера не выполнена в срок ({ $month }).
    [few] { $count } меры не выполнены в срок ({ $month }).
    [many] { $count } мер не выполнено в срок ({ $month }).
   *[other] Мер, не выполненных в срок ({ $month }): { $count }.
}
tracker-measure = Мера
tracker-by-org = Меры по ответственным организациям
error-not-found = Не найдено
error-forbidden = У вас нет доступа к этим сведениям
error-signin = Неверное имя пользователя или пароль.
error-bad-answer = Не удалось прочитать этот ответ
error-action = Не удалось выполнить действие


## Проверка электронной лицензии
nav-verify = Проверить лицензию
verify-heading = Проверка электронной лицензии
verify-intro = Каждая лицензия, выданная этой службой, записывается в открытый журнал, в который можно только добавлять. Введите код проверки с лицензии или загрузите скачанный файл лицензии, чтобы убедиться, что она выдана здесь и не изменена.
verify-valid = Подлинная: лицензия записана в реестре и не изменена.
verify-invalid = Не подтверждена: не полагайтесь на эту лицензию.
verify-code = Код проверки
verify-holder = Владелец
verify-granted = Разрешено
verify-validity = Срок действия
verify-agency = Решение приняло
verify-basis = Правовое основание
verify-entry = Запись реестра
verify-entry-of = запись { $index } из { $size }
verify-by-code = Проверить по коду
verify-by-file = Проверить скачанный файл лицензии
verify-file = Файл лицензии (JSON)
verify-button = Проверить
verify-offline = Без этого сайта:
verify-key = открытый ключ реестра
verify-not-found = Лицензии с таким кодом нет. Проверьте код и попробуйте снова.
verify-bad-code = Это неверный код проверки.
verify-no-file = Выберите файл лицензии для загрузки.
verify-not-a-licence = Этот файл не является лицензией, скачанной из этой службы.
case-licence = Электронная лицензия
case-licence-print = лицензия для печати

## Аналитика: моделирование реформ
nav-analyst = Реформы
analyst-heading = Что даст реформа?
analyst-intro = Примените изменение правил ко всей синтетической совокупности и сравните с действующими правилами: кто выиграет, кто проиграет, сколько это стоит и где.
analyst-reform = Реформа
analyst-population = Совокупность
analyst-rows = строк: { $count }
analyst-date = Дата решения
analyst-run = Смоделировать
analyst-ran = { $rows } строк на { $date }, расчёт занял { $seconds } с.
analyst-beneficiaries = Получатели (действующие правила → реформа)
analyst-winners = Выигравшие
analyst-losers = Проигравшие
analyst-cost = Стоимость
analyst-yuan = юаней
analyst-measures = Меры, которые меняет реформа
analyst-eligible-before = Имеют право сейчас
analyst-eligible-after = Имеют право после реформы
analyst-newly = Впервые получают право
analyst-chart-district = Стоимость реформы по районам
analyst-chart-gains = Распределение выигрышей и потерь
analyst-by = По { $key }
analyst-rows-col = Строки
analyst-warnings = Предупреждения
analyst-versions = Версия правил { $baseline }; с реформой { $reform }.
analyst-bad-date = `{ $date }` — не дата; пишите ГГГГ-ММ-ДД.
analyst-unavailable = Моделирование реформ на этом сервере недоступно
analyst-amounts = Суммы (действующие правила → реформа)

## Agencies
agency-foreign-experts = Комитет по науке и технике г. Пекина (по делам иностранных специалистов)
agency-exit-entry = Управление въезда и выезда Бюро общественной безопасности г. Пекина
agency-sci-tech = Комитет по науке и технике г. Пекина
agency-tax = Налоговая служба г. Пекина Государственного налогового управления

## Календарь рабочих дней (предварительные сроки, страница календаря для администратора)
case-provisional = Предварительный
case-provisional-why = Эта дата рассчитана по рабочим дням { $year } года, для которого официальное уведомление о праздниках ещё не загружено: нерабочими днями считаются государственные праздники и выходные. После загрузки уведомления дата будет пересчитана.
nav-calendar = Календарь
calendar-heading = Календарь рабочих дней
calendar-intro = Сроки исчисляются в рабочих днях Китая. Год, для которого загружено уведомление Госсовета о праздниках, считается официальным; остальные годы — предварительные: нерабочие дни в них — государственные праздники и выходные, без учёта перенесённых рабочих дней.
calendar-official-until = Официальный календарь действует до { $date } (осталось дней: { $days }).
calendar-none = Ни одно официальное уведомление не охватывает сегодняшний день: все сроки предварительные.
calendar-warning = Официальный календарь заканчивается менее чем через 60 дней. Загрузите уведомление на { $year } год сразу после его публикации.
calendar-year = Год
calendar-status = Статус
calendar-source = Источник
calendar-official = Официальный
calendar-provisional = Предварительный
calendar-shipped = входит в поставку onestop
calendar-statutory = официальные праздники по Положению о всенародных праздничных и памятных днях (в редакции постановления Госсовета № { $decree }) и выходные
calendar-upload-heading = Загрузка уведомления на год
calendar-upload-help = Файл CSV: строки «# year:», «# notice:» и «# published:», затем по одной строке на день: дата (или FROM..TO), holiday или workday и название праздника. Открытые дела с предварительными сроками пересчитываются, с записью в истории каждого дела.
calendar-file = Файл уведомления (CSV)
calendar-upload = Загрузить уведомление
calendar-loaded = Уведомление на { $year } год загружено. Открытых дел с предварительным сроком: { $checked }; изменено: { $changed }.
calendar-refused = Файл отклонён; ничего не изменено.
calendar-deadline-change = Дело { $case }: { $old } → { $new }

## Security
error-csrf = Срок действия формы истёк, или она отправлена с другого сайта. Обновите страницу и повторите попытку.
error-throttled = Слишком много неудачных попыток входа. Повторите через { $seconds } с.
agency-tianjin-sci-tech = Управление науки и технологий города Тяньцзинь
agency-hebei-sci-tech = Департамент науки и технологий провинции Хэбэй

## The statutory clock
case-clock = Срок
case-clock-stopped = Приостановлен с { $date }: ожидается ответ заявителя, эти дни не учитываются
case-clock-stopped-short = Срок приостановлен
case-suspended-label = Приостановка
case-suspended = { $days } рабочих дней не учтено (заявитель отвечал на запрос)
case-respond-heading = Ответить на запрос
case-respond-label = Ваш ответ (его увидит сотрудник; после отправки срок снова пойдёт)
case-respond-send = Отправить ответ

## Public performance
nav-performance = Сроки
performance-heading = Решения в установленные законом сроки
performance-intro = По всем рассмотренным делам со сроком: доля решений каждого ведомства, принятых не позднее срока, и медиана рабочих дней от приёма до решения по каждой услуге (дни приостановки в ожидании ответа заявителя не учитываются).
performance-agency = Ведомство
performance-decided = Рассмотрено
performance-on-time = В срок
performance-rate = Доля в срок
performance-service = Услуга
performance-median = Медиана, рабочих дней
case-withdraw-heading = Отзыв
case-withdraw-help = Отзыв прекращает это дело в ведомстве; остальные дела той же заявки продолжаются.
case-withdraw-send = Отозвать это дело
licence-issued = Выдана
licence-note = Эта лицензия — запись { $index } журнала прозрачности реестра; любое её изменение проваливает проверку. Проверьте её по коду на этом сайте или офлайн — по загруженному файлу лицензии и открытому ключу журнала:

## the procedures of the seeds: materials, approvals upon filing and their check (issue 14)
apply-material-file = Файл ({ $types }, не более 10 МБ)
apply-material-optional = (необязательно)
apply-material-reuse = или загруженный ранее файл
apply-material-reuse-none = — не выбран —
case-material = Документ
case-material-file = Представленный файл
case-material-missing = Не хватает
case-material-none = Выберите файл для загрузки или загруженный ранее.
case-add-material-heading = Представить документ
case-add-material-which = Какой документ
case-add-material-file = Файл (PDF, PNG или JPEG, не более 10 МБ)
case-add-material-send = Представить
case-supervision = Последующая проверка
case-supervision-pending = Срок: до { $date }
case-supervision-passed = Пройдена
case-supervision-revoked = Не пройдена: разрешение отозвано
case-supervision-risk = Проверить в первую очередь
case-supervise-heading = Последующая проверка
case-supervise-help = Заявление одобрено в момент подачи. Проверьте его на соответствие требованиям; если оно им не отвечает или обязательство нарушено, отзовите его: дело и лицензия будут отозваны в реестре.
case-supervise-outcome = Результат
case-supervise-pass = Пройдена: разрешение остаётся в силе
case-supervise-revoke = Отозвать разрешение и лицензию
officer-supervision-heading = Одобрения при подаче, ожидающие проверки
officer-supervision-help = Одобрены при подаче или по обязательству заявителя; первыми правила ставят те, что не отвечают национальному критерию.
state-revoked = Отозвано
kind-foreign-work-permit = Разрешение на работу иностранца
kind-foreign-residence-permit = Вид на жительство для работы
kind-permanent-residence = Постоянное проживание
kind-commitment-approval = Разрешение под обязательство
kind-relocation-business-registration = Изменение регистрации (новый адрес)
kind-relocation-tax-registration = Перенос налоговой регистрации
kind-clinical-sample-approval = Разрешение на ввоз образцов для клинических испытаний
kind-clinical-sample-filing = Таможенное уведомление о ввозе образцов
kind-outbound-exchange = Зарубежный академический обмен
kind-rd-vehicle-import = Временный ввоз испытательных автомобилей
agency-housing = Комиссия по жилищному и городскому строительству Пекина
agency-market-regulation = Управление по регулированию рынка Пекина
agency-medical-products = Управление по лекарственным средствам Пекина
agency-customs = Пекинская таможня
agency-foreign-affairs = Канцелярия иностранных дел народного правительства Пекина
material-passport = Паспорт
material-employment-contract = Трудовой договор или письмо о найме
material-degree-certificate = Диплом о высшей степени
material-criminal-record = Справка об отсутствии судимости
material-photo = Фотография на документы
material-health-certificate = Медицинская справка
material-hnte-application = Заявка на признание высокотехнологичным предприятием
material-rd-expense-audit = Специальный аудиторский отчёт о расходах на НИОКР
material-ip-certificates = Свидетельства на основную интеллектуальную собственность
material-technology-contract = Зарегистрированный договор о передаче технологии
material-commitment-letter = Подписанное письменное обязательство
material-project-plan = План проекта и проектная документация
material-business-licence = Лицензия на ведение деятельности
material-relocation-resolution = Решение собрания акционеров о переезде
material-premises-lease = Договор аренды или право собственности на новое помещение
material-trial-approval = Разрешение на клиническое испытание
material-sample-list = Перечень образцов
material-import-approval = Разрешение на ввоз (на испытание или на год)
material-invitation-letter = Приглашение
material-exchange-plan = План обмена
material-vehicle-list = Перечень автомобилей
material-rd-plan = План исследований и испытаний
material-customs-guarantee = Таможенная гарантия

## the life of a licence after issue: suspended, reinstated, revoked (003 §18, §19)
licence-status = Статус лицензии
licence-status-valid = Действует
licence-status-suspended = Приостановлена: не действует, пока ведомство её не восстановит
licence-status-revoked = Отозвана: больше не действует
licence-stamp-suspended = ПРИОСТАНОВЛЕНА
licence-stamp-revoked = ОТОЗВАНА
verify-not-in-force = Запись подлинная, но на эту лицензию полагаться нельзя.
licence-change-since = С { $date }: { $reason }
licence-change-heading = Приостановить, восстановить или отозвать лицензию
licence-change = Изменение
licence-change-suspend = Приостановить (идёт проверка)
licence-change-reinstate = Восстановить
licence-change-revoke = Отозвать (окончательно)
licence-change-reason = Причина (заносится в публичный журнал; её видит каждый, кто проверяет лицензию)
licence-change-button = Записать изменение

## the interview starts from the signed-in applicant's profile and saves back to it
interview-from-profile = Вопросы, на которые уже отвечает ваш профиль, не задаются снова; ответы здесь сохраняются в профиль.
result-saved-to-profile = Ваши ответы сохранены в профиле: следующее интервью и все формы начнутся с них.

## dates the applicant must keep after approval (services.toml reminders)
case-reminder-past = Срок прошёл: действуйте сейчас
case-reminder-soon = Срок через { $days } дн.
case-reminder-days = Осталось { $days } дн.
reminder-vehicle_reexport_due_date = Вывезти транспортные средства обратно до

## the holder's licences (/licences)
nav-my-licences = Мои лицензии
licences-heading = Мои электронные лицензии
licences-count = { $count ->
    [one] Вам выдана { $count } лицензия.
    [few] Вам выдано { $count } лицензии.
   *[other] Вам выдано { $count } лицензий.
}

## Свидетели реестра (задача 15: страница оператора /admin/witnesses, проверка)
nav-witnesses = Свидетели
witnesses-heading = Свидетели реестра
witnesses-intro = Тяньцзинь и Хэбэй держат по свидетелю: он проверяет, что каждая новая вершина этого журнала продолжает последнюю заверенную им, и заверяет её или отказывает. Квитанция считается проверенной при подписи журнала и не менее чем { $quorum } подписях свидетелей.
witnesses-latest = Последняя вершина: записей { $size }, заверена свидетелями: { $count }.
witnesses-none = Свидетели не настроены (DATA/witnesses.toml): квитанции проверяются только по подписи журнала.
witnesses-name = Свидетель
witnesses-region = Регион
witnesses-last = Последняя заверенная вершина (записей)
witnesses-time = Заверена
witnesses-never = Ещё не заверял
witnesses-current = последняя
witnesses-behind = отстаёт от последней вершины
witnesses-other-root = другой корень, чем у последней вершины того же размера
witnesses-key = Ключи свидетелей
witnesses-refusals-heading = Отказы
witnesses-refusals-none = Ни один свидетель не отказал вершине этого журнала.
witnesses-refusals-alert = { $count ->
    [one] Свидетель отказал вершине этого журнала: журнал мог раздвоиться. Сравните вершины командой onestop ledger audit.
   *[other] Свидетели отказали вершинам этого журнала ({ $count }): журнал мог раздвоиться. Сравните вершины командой onestop ledger audit.
}
witnesses-refused-size = Отклонённая вершина (записей)
witnesses-old-size = Последняя заверенная (записей)
witnesses-refused-at = Отказ
witnesses-reason = Причина
witnesses-evidence = Отклонённая контрольная точка
verify-witnesses = Свидетели
verify-witnesses-of = подписей свидетелей: { $count } (требуется { $quorum })

## research projects (001 §15-18): leader, undertaking unit, the commission
nav-projects = Проекты
projects-heading = Научные проекты
officer-projects-heading = Научные проекты к рассмотрению
projects-count = { $count ->
    [0] Проектов пока нет
    [one] { $count } проект
    [few] { $count } проекта
    [many] { $count } проектов
   *[other] Проектов: { $count }
}
project-title = Название проекта
project-role = Ваша роль
project-role-leader = Руководитель
project-role-unit = Организация-исполнитель (руководитель { $leader })
project-status = Состояние
project-status-filed = Подан, ждёт рассмотрения
project-status-returned = Возвращён руководителю
project-status-active = Выполняется
project-status-accepted = Принят (итоговая приёмка)
project-leader = Руководитель проекта
project-unit = Организация-исполнитель
project-agency = Курирующий орган
project-filed = Дата подачи
project-waiting-unit = Корректировка ждёт вашего согласования
project-todo = Ждёт вас
project-todo-review = Рассмотреть заявку
project-todo-milestones = { $count ->
    [one] { $count } отчёт по этапу ждёт приёмки
    [few] { $count } отчёта по этапам ждут приёмки
   *[other] { $count } отчётов по этапам ждут приёмки
}
project-todo-adjustment = Корректировка бюджета на решение комитета
project-todo-inspection = Назначить или отменить промежуточную проверку
project-todo-acceptance = Итоговая приёмка
project-file-heading = Подать проект
project-file-help = При подаче бюджет проверяется по правилам финансирования: косвенные расходы сверх предела или расходы из негативного списка системы «всё включено» отклоняются с указанием причины. Затем заявку рассматривает Комитет по науке и технике.
project-unit-account = Учётная запись организации-исполнителя
project-unit-hint = Имя пользователя учётной записи вашей организации. Она согласует корректировки бюджета в пределах переданных ей полномочий.
project-facts-heading = Проект и его бюджет
project-facts-hint = Оставьте вопрос пустым, если он не относится к проекту или ответ пока неизвестен. Утверждённый бюджет по статьям — это поданный бюджет.
project-unknown = Не указано
project-negative-list = План расходов включает (негативный список системы «всё включено»)
project-milestones = Этапы
project-milestones-hint = Здесь — до трёх; пустую строку можно оставить.
project-milestone-name = Этап { $number }
project-milestone-due = Срок этапа { $number }
project-file-send = Подать проект
project-review = Рассмотрение
project-reviewed = Рассмотрел { $by }, { $date }
project-inspection = Промежуточная проверка
project-inspection-scheduled = Назначена на { $date }
project-inspection-waived = Отменена
project-inspection-undecided = Ещё не решено
project-inspection-required = Правило требует промежуточной проверки: срок выполнения три года и более (001 §15).
project-inspection-exempt = Правило освобождает проект от промежуточной проверки: срок выполнения меньше трёх лет (001 §15).
project-accepted = Итоговая приёмка
project-accepted-by = { $by }, { $date }
project-acceptance-link = Страница приёмки
project-review-heading = Рассмотреть заявку
project-review-decision = Решение
project-review-accept = Принять к выполнению
project-review-return = Вернуть руководителю (укажите причину)
project-note = Примечание
project-amend-heading = Исправить и подать снова
project-amend-send = Подать снова
project-milestone = Этап
project-milestone-due-label = Срок
project-milestone-report = Отчёт
project-milestone-accepted = Принят
project-milestone-report-label = Отчёт по этапу { $number }
project-milestone-report-send = Отправить отчёт
project-milestone-accepted-by = Принял { $by }, { $date }
project-milestone-accept = Принять этап { $number }
project-inspection-heading = Промежуточная проверка
project-inspection-decision = Решение
project-inspection-schedule = Назначить
project-inspection-waive = Отменить
project-inspection-on = День проверки
project-budget-heading = Бюджет
project-budget-subject = Статья
project-budget-in-force = Действует
project-subject-equipment_budget = Оборудование
project-subject-indirect_budget = Косвенные расходы
project-subject-other_direct_budget = Прочие прямые расходы, вместе
project-adjust-heading = Запросить корректировку бюджета
project-adjust-help = Укажите новые суммы. Кто согласует, решает правило: организация-исполнитель, если общий бюджет не меняется и косвенные расходы не растут (увеличение расходов на оборудование тогда регистрируется в курирующем органе при приёмке); иначе — Комитет по науке и технике (001 §16).
project-adjust-after = { $subject } после корректировки
project-adjust-reason = Причина
project-adjust-send = Запросить корректировку
project-budget-history = История бюджета
project-budget-change = Корректировка
project-budget-approver = Согласующий по правилу
project-budget-decision = Решение
project-budget-filing = Регистрация при приёмке
project-budget-asked = Запросил { $by }, { $date }
project-budget-decided = { $by }, { $date }
project-budget-decide = Решение по корректировке { $number }
project-budget-approve = Согласовать
project-budget-refuse = Отказать (укажите причину)
project-approver-approver_undertaking_unit = Организация-исполнитель
project-approver-approver_competent_department = Комитет по науке и технике
project-outside-project_refusal_total_changed = Вне полномочий организации: меняется общий бюджет
project-outside-project_refusal_indirect_increased = Вне полномочий организации: растут косвенные расходы
project-outside-project_refusal_not_municipal = Вне полномочий организации: не городской бюджетный проект
project-change-pending = Ждёт решения
project-change-approved = Согласована
project-change-refused = Отказано
project-filed-on = Зарегистрирована в курирующем органе { $date }
project-filing-at-acceptance = Регистрируется при приёмке
project-acceptance-heading = Итоговая приёмка
project-milestones-accepted = Принято { $accepted } из { $total }
project-filings-heading = Корректировки, регистрируемые при приёмке
project-filings-help = Увеличение расходов на оборудование, согласованное организацией-исполнителем, регистрируется в курирующем органе при приёмке проекта (001 §16).
project-filings-none = Нет: у проекта нет корректировок для регистрации при приёмке.
project-blockers-heading = До итоговой приёмки
project-blocker-not_active = Проект не выполняется
project-blocker-milestone_not_reported = Нет отчёта по этапу { $number }
project-blocker-milestone_not_accepted = Этап { $number } не принят
project-blocker-adjustment_pending = Корректировка бюджета { $number } ждёт решения
project-blocker-inspection_undecided = Промежуточная проверка не назначена и не отменена
project-blocker-inspection_ahead = Промежуточная проверка назначена на { $date }
project-ready = Всё сделано: проект готов к итоговой приёмке.
project-accept-send = Записать итоговую приёмку
project-fact-funding_source = Источник финансирования проекта
project-fact-is_basic_research = Проект относится к фундаментальным исследованиям
project-fact-institution_type = Тип организации-исполнителя
project-fact-discipline = Научная область проекта
project-fact-is_pure_theoretical_research = Чисто теоретическое исследование (по национальному правилу, например математика)
project-fact-selected_for_indirect_cost_pilot = Отобран в городской пилот для проектов с малой зависимостью от оборудования
project-fact-direct_cost = Прямые расходы в бюджете проекта
project-fact-equipment_cost = Расходы на оборудование в составе прямых
project-fact-proposed_indirect_cost = Косвенные расходы по заявке
project-fact-proposed_performance_pay = Стимулирующие выплаты в составе косвенных расходов
project-fact-implementation_start_date = Первый день срока выполнения проекта
project-fact-implementation_end_date = Последний день срока выполнения проекта
project-fact-institution_remarkable_results = У организации выдающиеся научные результаты
project-fact-institution_good_research_credit = У организации хорошая научная репутация
project-fact-institution_selected_all_in_pilot = Организация отобрана в городской пилот системы «всё включено»
project-fact-spends_on_unrelated_items = Расходы, не связанные с исследованиями проекта
project-fact-spends_on_fines_donations_investment = Штрафы, пожертвования, спонсорство, инвестиции или погашение долгов
project-fact-misappropriates_funds = Удержание, нецелевое использование или присвоение средств проекта
project-fact-transfers_funds_improperly = Передача или перевод средств проекта в нарушение правил
project-fact-uses_false_documents = Фиктивные договоры, счета, работы или сотрудники для вывода средств
project-fact-inflates_testing_costs = Вымышленные испытания или завышенная цена испытаний
project-fact-falsifies_accounts = Произвольные исправления в учёте или изменённые первичные документы
project-value-project_funded_municipal = Городские (Пекин) бюджетные средства на науку
project-value-project_funded_central = Центральные бюджетные средства на науку
project-value-project_funded_other = Другие средства (заказы предприятий, договорные проекты, собственные средства)
project-value-project_unit_higher_education = Высшее учебное заведение
project-value-project_unit_research_institute = Научно-исследовательский институт
project-value-project_unit_medical = Медицинское учреждение
project-value-project_unit_enterprise = Предприятие
project-value-project_unit_other = Другая организация
project-value-project_discipline_mathematics = Математика
project-value-project_discipline_physics = Физика
project-value-project_discipline_other = Другая область

## ---- IP pledges (issue 15; portal/pledges.rs) ----
nav-pledges = Залоги
nav-pledge-register = Реестр залогов
agency-ip-office = Государственное управление по интеллектуальной собственности КНР (регистрация залога ИС, Пекин)
pledges-heading = Залоги интеллектуальной собственности
pledges-intro = Патент или товарный знак передаётся в залог под кредит, когда правообладатель и кредитор оба подписывают заявление, а ведомство ИС его регистрирует. Снять залог может только кредитор либо ведомство ИС по решению суда.
pledges-count = { $count ->
    [0] Залогов пока нет
    [one] { $count } залог
    [few] { $count } залога
    [many] { $count } залогов
   *[other] Залогов: { $count }
}
pledge-right = Право
pledge-pledgor = Залогодатель (правообладатель)
pledge-pledgee = Залогодержатель (кредитор)
pledge-state = Состояние
pledge-applied-on = Подано
pledge-kind = Вид права
pledge-kind-patent = Патент
pledge-kind-trademark = Товарный знак
pledge-number = Регистрационный номер
pledge-waiting-you = Ждёт вас
pledge-state-applied = Ждёт подписи второй стороны
pledge-state-signed = Подписано обеими сторонами, ждёт регистрации
pledge-state-registered = Зарегистрирован
pledge-state-refused = В регистрации отказано
pledge-state-released = Снят
pledge-apply-heading = Заявление о регистрации залога
pledge-apply-help-pledgee = Вы подписываете первым как правообладатель; кредитор подписывает вторым, затем ведомство ИС регистрирует залог.
pledge-apply-help-pledgor = Вы подписываете первым как кредитор; правообладатель подписывает вторым, затем ведомство ИС регистрирует залог.
pledge-counterparty-pledgee = Имя пользователя кредитора
pledge-counterparty-pledgor = Имя пользователя правообладателя
pledge-counterparty-hint-pledgee = Учётная запись банка или иной финансовой организации, выдающей кредит под залог права.
pledge-counterparty-hint-pledgor = Учётная запись предприятия или лица, которому принадлежит право.
pledge-secured-amount = Обеспечиваемая сумма (юани, необязательно)
pledge-apply-send = Подписать и подать
pledge-amount = Обеспечиваемая сумма (юани)
pledge-heading = Залог интеллектуальной собственности
pledge-you = вы
pledge-authority = Регистрирующий орган
pledge-public-link = Это право в открытом реестре залогов
pledge-steps = Этапы
pledge-step-applied-by-pledgor = Подано и подписано залогодателем { $date }
pledge-step-applied-by-pledgee = Подано и подписано залогодержателем { $date }
pledge-log-entry = (запись журнала { $index })
pledge-step-countersigned = Подписано второй стороной ({ $by }) { $date }
pledge-step-registered = Зарегистрировано ({ $by }) { $date }
pledge-step-refused = В регистрации отказано ({ $by }) { $date }
pledge-step-released = Снято ({ $by }) { $date }
pledge-step-released-by-order = Снято ({ $by }) { $date } по решению суда { $order }
pledge-next-countersign = Далее: подпись второй стороны.
pledge-next-register = Далее: ведомство ИС регистрирует залог или отказывает.
pledge-next-release-pledgor = Снять этот залог может только залогодержатель (или ведомство ИС по решению суда).
pledge-countersign-heading = Подписать заявление
pledge-countersign-help = Подписывая, вы присоединяетесь к заявлению как вторая сторона; затем ведомство ИС регистрирует залог или отказывает.
pledge-countersign-send = Подписать
pledge-decide-heading = Зарегистрировать или отказать
pledge-register-send = Зарегистрировать залог
pledge-refuse-reason = Причина отказа
pledge-refuse-send = Отказать
pledge-release-heading = Снять залог
pledge-release-reason = Причина (например, кредит погашен)
pledge-release-send = Снять
pledge-order-heading = Снятие по решению суда
pledge-order-help = Без залогодержателя ведомство ИС снимает залог только по решению суда; его реквизиты записываются в журнал.
pledge-court-order = Реквизиты решения суда
pledge-order-send = Снять по этому решению
pledge-status-heading = Открытый реестр залогов
pledge-status-intro = Находится ли патент или товарный знак в залоге, у кого и с какого дня, по данным регистрирующего органа. Незарегистрированные заявления не показываются.
pledge-status-send = Найти
pledge-status-pledged = В залоге у { $pledgee } с { $date }.
pledge-status-not-pledged = Не в залоге.
pledge-status-history = Зарегистрированные залоги этого права
pledge-registered-on = Зарегистрирован
pledge-released-on = Снят
pledge-log = Записи журнала
## ---- innovation vouchers (issue 15; 001 §28) ----
nav-vouchers = Ваучеры
vouchers-heading = Инновационные ваучеры
vouchers-intro = Инновационные ваучеры Пекина, Тяньцзиня и Хэбэя признаются во всех трёх регионах: предприятие подаёт заявку в ведомство своего региона и использует ваучер у поставщиков услуг в любом из них (Меры, §28).
voucher-settlement-heading = Расчёты
voucher-apply-heading = Подать заявку на ваучер
voucher-apply-help = Правило сразу проверяет заявку; подходящая заявка передаётся ведомству, которое выдаёт ваучер или отказывает.
voucher-apply-why = Обоснование по правилу
voucher-apply-region = Ведомство
voucher-amount = Сумма (юаней)
voucher-purpose = Назначение
voucher-apply-facts = О предприятии
voucher-fact-registration_region = Где зарегистрировано предприятие
voucher-fact-is_tech_sme = Зарегистрировано как технологическое МСП в этом году
voucher-unknown = Не указано
voucher-yes = Да
voucher-no = Нет
voucher-apply-send = Подать
voucher-applications-heading = Заявки
voucher-applicant = Предприятие
voucher-region = Регион
voucher-status = Статус
voucher-decision = Решение
voucher-decided-by = { $by }, { $date }
voucher-open = Открыть ваучер
voucher-expires = Действует до
voucher-note = Примечание
voucher-issue = Выдать ваучер
voucher-refuse-reason = Причина отказа
voucher-refuse = Отказать
voucher-none = Пока нет.
vouchers-list-heading = Ваучеры
voucher-value = Номинал
voucher-redeemed = Погашено
voucher-reserved = Ждёт поставщиков
voucher-balance = Остаток
voucher-redemptions-heading = Погашения
voucher-provider = Поставщик услуг
voucher-service = Услуга
voucher-confirm = Подтвердить: услуга оказана
voucher-decline = Отклонить
voucher-heading = Инновационный ваучер
voucher-issued-by = Выдан
voucher-log-entry = Запись журнала
voucher-recognised = Погашается у поставщиков услуг в Пекине, Тяньцзине и Хэбэе.
voucher-redeem-heading = Погасить у поставщика
voucher-redeem-help = Сумма сразу резервируется и списывается с ваучера, когда поставщик подтвердит услугу.
voucher-redeem-send = Отправить поставщику
voucher-no-providers = Ни у одного поставщика услуг ещё нет учётной записи.
voucher-withdraw = Отозвать
voucher-settlement-help = Сколько каждое ведомство должно каждому поставщику за подтверждённые погашения, по месяцам. Строки, где поставщик из другого региона, — это взаимное признание в действии.
voucher-month = Месяц
voucher-agency = Ведомство-эмитент
voucher-all-agencies = Все ведомства
voucher-show = Показать
voucher-csv = Скачать CSV
voucher-provider-region = Регион поставщика
voucher-count = Погашений
voucher-owed = К оплате (юаней)
voucher-cross-region = межрегионально
voucher-total = Итого
voucher-settlement-none = По этому выбору нет подтверждённых погашений.
voucher-region-beijing = Пекин
voucher-region-tianjin = Тяньцзинь
voucher-region-hebei = Хэбэй
voucher-region-other_region = Другой регион
voucher-application-status-pending = Ждёт решения ведомства
voucher-application-status-issued = Выдан
voucher-application-status-refused = Отказано
voucher-redemption-status-requested = Ждёт поставщика
voucher-redemption-status-confirmed = Подтверждено
voucher-redemption-status-declined = Отклонено поставщиком
voucher-redemption-status-withdrawn = Отозвано
## ---- end of innovation vouchers ----
## --- issue 17: doubt is data; the sources, served (begin) ---
result-not-available = Пока недоступно
result-not-available-hint = Рассчитано по условной цифре: правило, устанавливающее действительную цифру, ещё не внесено, поэтому на эту сумму нельзя полагаться.
result-uncertain = Не подтверждено
result-status-uncertain = Правовое основание этого ответа не установлено окончательно
result-doubts = Почему это не установлено
nav-sources = Источники
sources-heading = Исходные документы
sources-intro = Документы, на которые ссылаются все правила, по разделам. Каждая ссылка на портале ведёт к своему разделу здесь.
source-language-note = Английский текст, поставляемый с правилами; китайский оригинал пока не поставляется.
source-section = Раздел { $n }
source-back = Все исходные документы
source-cited-by = На этот документ ссылаются меры:
search-sources-heading = В исходных документах
## --- issue 17 (end) ---
## ---- issue 16: notifications and the tracker ----
nav-notifications = Уведомления
nav-unread = Непрочитанных: { $count }
nav-reach = Охват мер
notifications-heading = Уведомления
notifications-none = Уведомлений пока нет. onestop сравнивает ваш профиль со всеми мерами при каждом изменении профиля или правил.
notifications-read-all = Отметить все как прочитанные
notifications-unread = Не прочитано
notifications-emailed = Отправлено по почте
notifications-apply = Подать через единое окно
notifications-case = Открыть дело
notifications-subscription = О чём сообщать
notifications-groups = Группы мер
notifications-email = Адрес электронной почты (пусто — без писем)
notifications-language = Язык писем и ленты
notifications-save = Сохранить
notifications-saved = Сохранено.
notifications-feed = Ваша лента (Atom):
notification-heading = Уведомление
notification-explanation = Почему: объяснение
notification-no-explanation = Объяснения нет: этой меры нет в действующих правилах.
reach-heading = Скольких заявителей охватывает каждая мера
reach-live = Действующие правила: прогон { $finished }, профилей: { $profiles } ({ $evaluator })
reach-preview = Проект { $label }: прогон { $finished }, профилей: { $profiles }
reach-none = Сопоставлений ещё не было.
reach-eligible = Имеют право
reach-undetermined = Не определено
reach-new = Новая, не опубликована
reach-entity = Субъект
tracker-due = Срок
tracker-revised = изменён
tracker-updated = Последнее обновление
tracker-overdue-list = Просрочено
tracker-export = Выгрузка для надзорного органа (CSV)
tracker-history = История
tracker-no-history = Записей пока нет: статус взят из каталога.
tracker-record = Записать ход выполнения
tracker-status = Статус
tracker-note = Что сделано
tracker-evidence = Ссылки на подтверждения (по одной в строке)
tracker-revised-completion = Новый срок выполнения
tracker-save = Записать
tracker-saved = Записано.
tracker-recorded-by = { $actor } ({ $agency }), { $at }
tracker-who-records = Ход выполнения записывают сотрудники: { $agencies }
progress-planned = Запланировано
progress-in-progress = Выполняется
progress-completed = Выполнено
progress-ongoing = Постоянно

## ---- issue 16: titles of the measures the tracker added ----
measure-talent-immigration-pilot-citywide = Пилотная иммиграционная политика для иностранных специалистов — на весь Пекин
measure-enterprise-rd-centre-attraction = Привлечение в Пекин ведущих центров НИОКР, инкубаторов и штаб-квартир ТНК
measure-gov-new-rd-institutions = Новые исследовательские организации мирового уровня
measure-gov-bri-action-plan = План действий Пекина по научно-техническим инновациям в рамках «Пояса и пути»
measure-gov-bri-incubator-consortium = Международный консорциум инкубаторов «Пояса и пути»
measure-gov-academic-exchange-platforms = Международные площадки академического обмена и сотрудничества
measure-gov-achievement-transfer-regulations = Положение Пекина о содействии внедрению научных достижений
measure-gov-achievement-transfer-services = Сети координации и услуг по внедрению научных достижений
measure-gov-innovation-funds = Направляющая роль фондов научно-технических инноваций
measure-gov-financial-services-opening = Реформа и открытие финансовых услуг
measure-gov-internet-services-opening = Открытие интернет-информационных услуг
measure-gov-business-culture-tourism = Повышение качества торговых, культурных и туристических услуг
measure-gov-education-opening = Открытие образовательных услуг
measure-gov-health-medical-services = Услуги здравоохранения и медицины
measure-gov-airports-development = Совместное развитие двух международных аэропортов Пекина
measure-gov-digital-trade-zone = Ведущая зона цифровой торговли («один парк, один район»)
measure-gov-science-cities-transformation = Внедрение достижений в научных городах Вэйлай и Хуайжоу
measure-gov-cloud-open-source-cluster = Кластер облачных приложений и открытого ПО
measure-gov-fintech-demonstration = Показательная зона финансовых технологий
measure-gov-cultural-innovation = Культурные инновации
measure-gov-culture-sports-tourism-tongzhou = Культура, спорт и туризм в Тунчжоу
measure-gov-industrial-supply-chain = Согласованное развитие производственных цепочек и цепочек поставок
measure-gov-policy-linkage = Увязка политики с пилотными зонами свободной торговли
measure-gov-cross-border-capital = Упрощение трансграничного движения капитала
measure-gov-land-and-technical-support = Земельная и техническая поддержка

## ---- credit (issue 16) ----
nav-credit = Кредит
credit-heading = Кредит научно-технических предприятий
credit-intro = Оценка каждого научно-технического предприятия по тому, что о нём записано в onestop (001 §26), открытая финансовому учреждению только с согласия предприятия.
credit-not-for-you = Кредитную оценку видят само предприятие, финансовое учреждение, которому оно дало согласие, и Комиссия по науке и технологиям.
credit-evaluation-of = Кредитная оценка: { $name }
credit-as-of = На дату
credit-the-rule = правило и его источники
credit-grade = Кредитный статус
credit-grade-crc_credit_good = Хороший
credit-grade-crc_credit_fair = Удовлетворительный
credit-grade-crc_credit_poor = Плохой
credit-uncertain = Баллы и уровни — собственное толкование onestop, пока комиссия не примет систему оценки (помечено как неточное).
credit-uncertain-mark = неточно
credit-score = Балл
credit-not-evaluated = На эту дату оценки нет.
credit-records = Что записано в onestop
credit-count-cases-approved = Одобренные заявления
credit-count-licences-valid = Действующие электронные лицензии
credit-count-licences-suspended = Приостановленные электронные лицензии
credit-count-revocations = Отменённые одобрения или лицензии
credit-count-vouchers-issued = Выданные инновационные ваучеры
credit-count-vouchers-redeemed = Использованные инновационные ваучеры
credit-count-pledges-registered = Действующие залоги ИС
credit-count-pledges-released = Прекращённые залоги ИС
credit-count-milestones-overdue = Просроченные этапы проектов
credit-explanation = Объяснение
credit-consents-heading = Согласия финансовым учреждениям
credit-consents-help = Финансовое учреждение видит вашу оценку, только пока действует ваше согласие. Его можно отозвать в любой момент; отзыв действует сразу.
credit-institution = Финансовое учреждение (имя пользователя)
credit-institution-hint = Имя пользователя зарегистрированного финансового учреждения.
credit-expires-on = Последний день (необязательно)
credit-give = Дать согласие
credit-lookup = Предприятие (имя пользователя)
credit-lookup-send = Найти
credit-consents-given-heading = Предприятия, давшие вам согласие
credit-enterprise = Предприятие
credit-granted-on = Дано
credit-last-day = Последний день
credit-consent-state = Состояние
credit-no-expiry = до отзыва
credit-revoked-on = Отозвано
credit-live = Действует
credit-expired = Истекло
credit-revoke = Отозвать
credit-no-consents = Согласий пока нет.
credit-no-consent-heading = Нет согласия
credit-no-consent = { $enterprise } не давало вам согласия на просмотр своей кредитной оценки, либо согласие истекло или отозвано. Попросите предприятие дать согласие в onestop.
## ---- end of credit ----
## ---- consultation (issue 16) ----
nav-consultation = Консультации
consult-heading = Вопрос ведомству
consult-intro = Задайте вопрос ведомству, ответственному за меру, на любом из шести языков. Ведомство отвечает в течение { $days } рабочих дней со ссылками на документы и может опубликовать ответ в вопросах и ответах по мере.
consult-faq-heading = Вопросы и ответы
consult-drafts-heading = Проекты мер, открытые для отзывов
consult-inbox-heading = Вопросы в { $agency }
consult-inbox-open = { $count ->
    [one] { $count } вопрос ждёт ответа.
    [few] { $count } вопроса ждут ответа.
   *[other] { $count } вопросов ждут ответа.
}
consult-asked-on = Дата вопроса
consult-question = Вопрос
consult-due = Срок ответа
consult-provisional = (предварительно: срок считался через год без уведомления о праздниках)
consult-answered = Ответ дан
consult-in-faq = в вопросах и ответах
consult-waiting = Ожидает ответа
consult-inbox-empty = Вопросов пока нет.
consult-ask-heading = Задать вопрос
consult-language = Язык
consult-lang-zh = 中文
consult-lang-en = English
consult-lang-ko = 한국어
consult-lang-ru = Русский
consult-lang-es = Español
consult-lang-ar = العربية
consult-ask = Отправить вопрос
consult-mine-heading = Мои вопросы
consult-answered-on = Ответ дан { $date }
consult-due-on = Ответ ожидается до { $date }
consult-mine-empty = Вы ещё ничего не спрашивали.
consult-applicants-only = Вопросы задают заявители (предприятия и специалисты).
consult-sign-in = Войдите, чтобы задать вопрос
consult-question-about = Вопрос о мере: { $measure }
consult-agency = Ведомство
consult-answer = Ответ
consult-answered-by = Ответил(а) { $officer } ({ $agency }) { $date }
consult-citations = Цитируемые источники
consult-answer-heading = Ответить на вопрос
consult-answer-hint = Сошлитесь хотя бы на один раздел исходного документа, например 000_abb21015abc8a560.txt §15(2); ссылка станет переходом к этому разделу.
consult-send-answer = Отправить ответ
consult-faq-withdraw = Убрать из вопросов и ответов
consult-faq-publish = Опубликовать в вопросах и ответах
consult-faq-intro = Вопросы заявителей и ответы, которые ведомства решили опубликовать.
consult-faq-search = Поиск по вопросам и ответам
consult-faq-all = Все вопросы и ответы
consult-answered-by-agency = Ответ { $agency } от { $date }
consult-faq-no-hits = Нет опубликованных ответов с этими словами.
consult-faq-none = Опубликованных ответов пока нет.
consult-ask-about = Задать вопрос об этой мере
consult-drafts-intro = Ведомства публикуют проекты мер, чтобы собрать отзывы предприятий до принятия решения.
consult-draft-open-until = отзывы принимаются до { $date }
consult-draft-closed = приём отзывов закрыт
consult-drafts-none = Проектов пока нет.
consult-draft-publish = Опубликовать проект
consult-draft-title = Название
consult-draft-text = Текст проекта
consult-draft-days = Срок приёма отзывов в рабочих днях (от { $min } до { $max })
consult-draft-period = Срок приёма отзывов
consult-working-days = рабочих дней: { $n }
consult-opinion-heading = Оставить отзыв
consult-opinion = Ваш отзыв
consult-opinion-send = Отправить отзыв
consult-opinions-heading = Полученные отзывы ({ $count })
consult-opinions-none = Отзывов пока нет.
consult-draft-close = Закрыть приём отзывов
consult-new-answer = Новый ответ
consult-new-answers = { $count ->
    [one] У вас { $count } новый ответ.
    [few] У вас { $count } новых ответа.
   *[other] У вас { $count } новых ответов.
}
## ---- end of consultation ----
## ---- statistics (issue 16) ----
nav-statistics = Статистика
statistics-link = Статистический мониторинг: показатели по районам, паркам, отраслям и «трём городам и одной зоне»
statistics-reforms-link = Моделирование реформ
statistics-heading = Статистический мониторинг
statistics-intro = Показатели, загруженные ведомствами, в диаграммах по районам, паркам Чжунгуаньцуня, отраслям и «трём городам и одной зоне» (научные города Чжунгуаньцунь, Хуайжоу и Будущего и зона экономико-технологического развития; 001 §3).
statistics-indicator = Показатель
statistics-show = Показать
statistics-none = Статистические таблицы ещё не загружены.
statistics-by-district = По районам
statistics-by-park = По паркам Чжунгуаньцуня
statistics-by-industry = По отраслям
statistics-by-area = По «трём городам и одной зоне»
statistics-unit = Единица: { $unit }
statistics-periods = Периоды: { $periods }
statistics-where = Где
statistics-import-heading = Загрузить таблицу
statistics-import-help = Файл CSV (UTF-8) или Parquet со столбцами period, dimension, code, indicator, unit, value: одно значение в строке. Таблица с любой ошибкой отклоняется целиком, с указанием строки и столбца каждой ошибки.
statistics-file = Файл таблицы
statistics-import = Загрузить
statistics-imported = { $file }: сохранено значений: { $figures } (заменено: { $replaced }).
statistics-refused = Файл { $file } отклонён, ничего не сохранено. Исправьте следующее и загрузите снова:
statistics-row = Строка
statistics-column = Столбец
statistics-problem = Ошибка
statistics-hint = Подсказка
statistics-more = …и ещё ошибок: { $count }.
statistics-recent = Последние загрузки
statistics-figures = значений: { $count }
statistics-sign-in = Сотрудники ведомств входят в систему, чтобы загружать таблицы.
statistics-choose-file = Выберите файл таблицы (CSV или Parquet) для загрузки.
## ---- end of statistics (issue 16) ----
