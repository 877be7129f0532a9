# Уведомления (crates/notify): их говорят входящие, электронная почта и лента.
notify-eligible = Теперь вы, возможно, имеете право: { $measure }
notify-lost-not_eligible = Больше не имеете права: { $measure }
notify-lost-undetermined = Для решения нужны дополнительные сведения: { $measure }
notify-lost-withdrawn = Этой меры больше нет в правилах: { $measure }
notify-deadline-case = Решение ожидается до { $date }: { $kind }
notify-deadline-reminder = Срок { $date }: { $what }
notify-intro = onestop сравнил ваш профиль с правилами, действующими на { $date }.
notify-why = Почему (объяснение): { $url }
notify-apply = Подать заявление через единое окно: { $url }
notify-case = Ваше дело: { $url }
notify-footer = Вы получаете это, потому что выбрали группы: { $groups }. Изменить выбор: { $url }
notify-subject = onestop: { $title }
notify-feed-title = Уведомления onestop для { $name }
notify-group-talent = Специалисты
notify-group-enterprise = Предприятия
notify-group-project = Исследовательские проекты
notify-group-gov = Государственные услуги
