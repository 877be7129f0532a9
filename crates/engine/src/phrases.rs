//! The explanation's connecting words in Korean, Russian, Spanish and Arabic, keyed
//! by the English phrase that `explain` writes beside the Chinese one. A test reads
//! `explain.rs` and fails when a phrase there has no translation here.

/// `(English, Korean, Russian, Spanish, Arabic)`.
const PHRASES: &[(&str, &str, &str, &str, &str)] = &[
    (", ", ", ", ", ", ", ", "، "),
    ("; ", "; ", "; ", "; ", "؛ "),
    (
        "CONFLICT between exceptions",
        "예외 간 충돌",
        "КОНФЛИКТ исключений",
        "CONFLICTO entre excepciones",
        "تعارض بين الاستثناءات",
    ),
    (
        "Decision date",
        "결정 기준일",
        "Дата решения",
        "Fecha de la decisión",
        "تاريخ القرار",
    ),
    (
        "PROVISIONAL:",
        "잠정:",
        "ПРЕДВАРИТЕЛЬНО:",
        "PROVISIONAL:",
        "مؤقت:",
    ),
    ("Reform", "개혁안", "Реформа", "Reforma", "الإصلاح"),
    (
        "an exception may apply; waiting for facts",
        "예외가 적용될 수 있음: 사실 확인 대기 중",
        "может применяться исключение: ожидаются сведения",
        "puede aplicarse una excepción: faltan datos",
        "قد ينطبق استثناء: بانتظار الوقائع",
    ),
    ("applies", "적용", "применяется", "se aplica", "ينطبق"),
    (
        "could not be computed",
        "계산할 수 없음",
        "не удалось вычислить",
        "no se pudo calcular",
        "تعذّر الحساب",
    ),
    (
        "eligible",
        "해당",
        "условия выполнены",
        "cumple los requisitos",
        "مستوفٍ للشروط",
    ),
    (
        "eligible when",
        "적용 조건",
        "условие применения",
        "se aplica cuando",
        "شرط الاستحقاق",
    ),
    ("error", "오류", "ошибка", "error", "خطأ"),
    ("exception", "예외", "исключение", "excepción", "استثناء"),
    ("fact", "사실", "факт", "dato", "واقعة"),
    (
        "how it was worked out",
        "산출 과정",
        "как получен результат",
        "cómo se ha calculado",
        "كيف جرى الحساب",
    ),
    (
        "in force from",
        "시행일",
        "действует с",
        "en vigor desde",
        "ساري المفعول من",
    ),
    (
        "missing facts",
        "부족한 사실",
        "недостающие сведения",
        "datos que faltan",
        "وقائع ناقصة",
    ),
    (
        "needed for the amounts",
        "금액 산정에 필요",
        "нужно для расчёта сумм",
        "necesarios para los importes",
        "لازمة لحساب المبالغ",
    ),
    ("no", "아니요", "нет", "no", "لا"),
    (
        "no value on",
        "해당 일자에 값 없음:",
        "нет значения на",
        "sin valor el",
        "لا قيمة في",
    ),
    (
        "not eligible",
        "해당 없음",
        "условия не выполнены",
        "no cumple los requisitos",
        "غير مستوفٍ للشروط",
    ),
    (
        "not given",
        "미제공",
        "не указано",
        "no indicado",
        "غير مقدَّم",
    ),
    ("parameter", "매개변수", "параметр", "parámetro", "معامل"),
    ("problem", "문제", "проблема", "problema", "مشكلة"),
    (
        "provisional",
        "잠정",
        "предварительно",
        "provisional",
        "مؤقت",
    ),
    ("rule", "규칙", "правило", "regla", "القاعدة"),
    (
        "rules version",
        "규칙 버전",
        "версия правил",
        "versión de las reglas",
        "إصدار القواعد",
    ),
    (
        "see above",
        "위 참조",
        "см. выше",
        "véase arriba",
        "انظر أعلاه",
    ),
    ("source", "근거", "источник", "fuente", "المصدر"),
    ("status", "결론", "итог", "resultado", "النتيجة"),
    ("to", "~", "по", "a", "إلى"),
    (
        "undetermined",
        "미확정",
        "не определено",
        "por determinar",
        "غير محدد بعد",
    ),
    (
        "unknown",
        "알 수 없음",
        "неизвестно",
        "desconocido",
        "غير معروف",
    ),
    ("valid", "유효 기간", "действует с", "vigente de", "سارٍ من"),
    (
        "valid from",
        "유효 시작일",
        "действует с",
        "vigente desde",
        "سارٍ من",
    ),
    (
        "valid until",
        "유효 종료일",
        "действует до",
        "vigente hasta",
        "سارٍ حتى",
    ),
    (
        "validity not stated",
        "유효 기간 미기재",
        "срок действия не указан",
        "vigencia no indicada",
        "مدة السريان غير مذكورة",
    ),
    ("yes", "예", "да", "sí", "نعم"),
    // Doubt marks (issue 17 item 3).
    ("UNCERTAIN", "불확실", "НЕ УТОЧНЕНО", "INCIERTO", "غير مؤكد"),
    (
        "not yet available (computed from a placeholder figure)",
        "아직 제공되지 않음(임시 수치로 계산됨)",
        "пока недоступно (рассчитано по временному значению)",
        "aún no disponible (calculado con una cifra provisional)",
        "غير متاح بعد (محسوب من رقم مؤقت)",
    ),
    (
        "not yet available: stand-in",
        "아직 제공되지 않음: 임시 수치",
        "пока недоступно: временное значение",
        "aún no disponible: cifra provisional",
        "غير متاح بعد: رقم مؤقت",
    ),
    ("uncertain", "불확실", "не уточнено", "incierto", "غير مؤكد"),
    (
        "placeholder figure",
        "임시 수치",
        "временное значение",
        "cifra provisional",
        "رقم مؤقت",
    ),
    (
        "source of parameter",
        "매개변수의 근거",
        "источник параметра",
        "fuente del parámetro",
        "مصدر المعامل",
    ),
    ("definition", "정의", "определение", "definición", "تعريف"),
    (
        "source of definition",
        "정의의 근거",
        "источник определения",
        "fuente de la definición",
        "مصدر التعريف",
    ),
    ("measure", "조치", "мера", "medida", "تدبير"),
    (
        "source of measure",
        "조치의 근거",
        "источник меры",
        "fuente de la medida",
        "مصدر التدبير",
    ),
    (
        "not settled",
        "확정되지 않은 근거",
        "не установлено",
        "sin confirmar",
        "غير محسوم",
    ),
];

/// The phrase in `lang` (`ko`, `ru`, `es`, `ar`), if translated.
pub fn phrase(lang: &str, en: &str) -> Option<&'static str> {
    let row = PHRASES.iter().find(|r| r.0 == en)?;
    match lang {
        "ko" => Some(row.1),
        "ru" => Some(row.2),
        "es" => Some(row.3),
        "ar" => Some(row.4),
        _ => None,
    }
}

/// Why an answer counted through years without a holiday notice is provisional.
/// `instrument` is the statutory holidays' instrument, already marked as a citation.
pub fn provisional_reason(lang: &str, years: &str, instrument: &str) -> String {
    match lang {
        "ko" => format!(
            "{years}년의 근무일을 계산하였으나 해당 연도의 국무원 판공청 공휴일 안배 통지가 아직 반영되지 않았습니다. 휴일은 {instrument}에 따른 법정 공휴일과 주말로 추산하였으며, 통지가 휴일과 대체 근무일을 따로 정할 수 있으므로 통지가 반영되면 결과가 달라질 수 있습니다"
        ),
        "ru" => format!(
            "учитывает рабочие дни {years} г., для которого не загружено уведомление Канцелярии Государственного совета о праздничных днях: выходные определены по праздникам, установленным {instrument}, и по субботам и воскресеньям; уведомление может добавить выходные и рабочие дни взамен, поэтому после его загрузки результат может измениться"
        ),
        "es" => format!(
            "cuenta días hábiles de {years}, año para el que no se ha cargado la circular de la Oficina General del Consejo de Estado sobre los festivos: los días de descanso son los festivos legales de {instrument} y los fines de semana; la circular puede añadir días de descanso y días laborables de recuperación, por lo que el resultado puede cambiar al cargarla"
        ),
        _ => format!(
            "يحتسب أيام العمل في سنة {years}، ولم يُحمَّل لها بعدُ إشعار المكتب العام لمجلس الدولة بشأن العطلات: أيام الراحة هي العطل الرسمية المقررة في {instrument} وعطلات نهاية الأسبوع؛ وقد يضيف الإشعار أيام راحة وأيام عمل تعويضية، لذا قد تتغير النتيجة عند تحميله"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `lang.t("…", "…")` of the explanation, read from its source.
    fn phrases_used() -> Vec<String> {
        let src = include_str!("explain.rs");
        let mut out = Vec::new();
        let mut rest = src;
        while let Some(i) = rest.find(".t(") {
            rest = &rest[i + 3..];
            let after = rest.trim_start();
            if let Some(body) = after.strip_prefix('"')
                && let Some(end) = body.find('"')
            {
                out.push(body[..end].to_string());
            }
        }
        out
    }

    #[test]
    fn every_phrase_of_the_explanation_is_translated() {
        let used = phrases_used();
        assert!(used.len() > 30, "found only {used:?}");
        for en in &used {
            for lang in ["ko", "ru", "es", "ar"] {
                assert!(
                    phrase(lang, en).is_some_and(|t| !t.is_empty()),
                    "phrases.rs lacks the {lang} for {en:?}"
                );
            }
        }
    }

    #[test]
    fn no_translation_is_left_in_english_where_the_language_differs() {
        for r in PHRASES {
            for (lang, t) in [("ko", r.1), ("ru", r.2), ("ar", r.4)] {
                assert!(
                    matches!(r.0, ", " | "; ") || !t.chars().any(|c| c.is_ascii_alphabetic()),
                    "{lang} for {:?} is {t:?}",
                    r.0
                );
            }
        }
    }
}
