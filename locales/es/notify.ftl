# Notificaciones (crates/notify): la bandeja, el correo y el canal dicen estas frases.
notify-eligible = Ahora puede cumplir los requisitos: { $measure }
notify-lost-not_eligible = Ya no cumple los requisitos: { $measure }
notify-lost-undetermined = Faltan datos para decidir: { $measure }
notify-lost-withdrawn = Ya no figura en las reglas: { $measure }
notify-deadline-case = Resolución prevista antes del { $date }: { $kind }
notify-deadline-reminder = Vence el { $date }: { $what }
notify-intro = onestop comparó su perfil con las reglas vigentes el { $date }.
notify-why = Por qué (la explicación): { $url }
notify-apply = Solicitar en la ventanilla única: { $url }
notify-case = Su expediente: { $url }
notify-footer = Recibe esto porque eligió estos grupos: { $groups }. Cambiar su elección: { $url }
notify-subject = onestop: { $title }
notify-feed-title = Notificaciones de onestop para { $name }
notify-group-talent = Talento
notify-group-enterprise = Empresas
notify-group-project = Proyectos de investigación
notify-group-gov = Servicios públicos
